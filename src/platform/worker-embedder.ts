import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../retrieval/embedder-config.js';
import type { Embedder } from '../retrieval/embedder.js';
import type { WorkersAiBinding } from '../retrieval/workers-ai-embedder.js';

/** The Worker bindings and vars the embedder reads (all optional: the default needs none). */
export interface WorkerEmbedderEnv {
  readonly AI?: WorkersAiBinding;
  readonly [name: string]: unknown;
}

/**
 * The embedder the Worker's vars ask for (`EMBEDDER`, `EMBEDDINGS_*`, `WORKERS_AI_MODEL`), or
 * `undefined` for the default. `EMBEDDER=workers-ai` uses the `AI` binding.
 */
export function createWorkerEmbedder(env: WorkerEmbedderEnv | undefined): Promise<Embedder | undefined> {
  const vars = env ?? {};
  return createConfiguredEmbedderFrom(parseEmbedderConfig(vars), { ai: vars.AI });
}
