import { createApp, type AppType } from './app.js';
import { parsePlatformsConfig } from './config.js';
import { createWorkerEmbedder, type WorkerEmbedderEnv } from './platform/worker-embedder.js';
import { loadBundledIndex } from './platform/worker-index.js';
import { createWorkerLlm, type WorkerLlmEnv } from './platform/worker-llm.js';
import { workerOperatorDeps, type WorkerOperatorEnv } from './platform/worker-operator-deps.js';
import { workerWidgetDeps, type WorkerWidgetEnv } from './platform/worker-widget.js';

// Built on the first request and kept for the isolate's life.
let app: Promise<AppType> | undefined;
const getApp = (env: unknown) =>
  (app ??= createWorkerEmbedder(env as WorkerEmbedderEnv)
    .then(loadBundledIndex)
    .then((index) => createApp({ index, llm: createWorkerLlm(env as WorkerLlmEnv), ...workerOperatorDeps(env as WorkerOperatorEnv), ...workerWidgetDeps(env as WorkerWidgetEnv), platforms: parsePlatformsConfig(env as Record<string, unknown>) })));

export default {
  async fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> {
    return (await getApp(env)).fetch(request, env, ctx as never);
  },
};
