import { operatorConfigSchema, parseConfig, parsePlatformsConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createWorkerEmbedder, type WorkerEmbedderEnv } from './worker-embedder.js';
import { loadBundledIndex } from './worker-index.js';
import { createWorkerLlm, type WorkerLlmEnv } from './worker-llm.js';
import { workerOperatorDeps, type WorkerOperatorEnv } from './worker-operator-deps.js';
import { workerWidgetDeps, type WorkerWidgetEnv } from './worker-widget.js';

/** Every binding, var and secret the Worker reads (see wrangler.toml and the README). */
export type WorkerEnv = WorkerEmbedderEnv & WorkerLlmEnv & WorkerOperatorEnv & WorkerWidgetEnv;

/** The app's dependencies from the Worker's `env`: the bundled index and the configured features. */
export async function createWorkerDeps(env: WorkerEnv): Promise<AppDeps> {
  // KNOWLEDGE_FILES (a var): the knowledge files answers may use.
  const { KNOWLEDGE_FILES } = parseConfig(operatorConfigSchema, env as Record<string, unknown>);
  const index = await loadBundledIndex(await createWorkerEmbedder(env), { files: KNOWLEDGE_FILES });
  return {
    index,
    llm: createWorkerLlm(env),
    ...workerOperatorDeps(env),
    ...workerWidgetDeps(env),
    platforms: parsePlatformsConfig(env as Record<string, unknown>),
  };
}
