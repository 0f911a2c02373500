import { Hono } from 'hono';
import type { AppEnv } from '../../deps.js';
import type { LoadedIndex } from '../../retrieval/load-retriever.js';

/** `GET /healthz`: liveness plus what the loaded index is. */
export function healthRoutes(index: LoadedIndex) {
  return new Hono<AppEnv>().get('/healthz', (c) =>
    c.json({
      status: 'ok' as const,
      tips: index.manifest.tipCount,
      embedder: index.manifest.embedder.id,
      knowledgeHash: index.manifest.knowledgeHash,
    }),
  );
}
