import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { AppEnv } from '../../deps.js';

/** `GET /healthz`: liveness plus what the loaded index is, file by file. */
export function healthRoutes(assistant: Assistant) {
  const { manifest } = assistant;
  const body = {
    status: 'ok' as const,
    tips: assistant.tips.length,
    embedder: manifest.embedder.id,
    knowledgeHash: manifest.knowledgeHash,
    files: assistant.files,
  };
  return new Hono<AppEnv>().get('/healthz', (c) => c.json(body));
}
