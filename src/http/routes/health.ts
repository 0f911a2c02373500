import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { AppEnv } from '../../deps.js';

/** `GET /healthz`: liveness plus what the loaded index is. */
export function healthRoutes(assistant: Assistant) {
  const { manifest } = assistant;
  return new Hono<AppEnv>().get('/healthz', (c) =>
    c.json({
      status: 'ok' as const,
      tips: manifest.tipCount,
      embedder: manifest.embedder.id,
      knowledgeHash: manifest.knowledgeHash,
    }),
  );
}
