import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';
import type { StorageHealth } from '../../feedback/types.js';

/**
 * `GET /healthz`: liveness, what the loaded index is (file by file), and the state of the feedback
 * storage. `status` is `degraded` while feedback writes fail or its disk is nearly full: the
 * service still answers (200), but verdicts are refused with 503 until storage recovers.
 */
export function healthRoutes(assistant: Assistant, feedback: FeedbackStore | undefined) {
  const { manifest } = assistant;
  return new Hono().get('/healthz', (c) => {
    const storage: StorageHealth | { readonly status: 'off' } = feedback ? feedback.health() : { status: 'off' };
    return c.json({
      status: storage.status === 'ok' || storage.status === 'off' ? ('ok' as const) : ('degraded' as const),
      tips: assistant.tips.length,
      embedder: manifest.embedder.id,
      knowledgeHash: manifest.knowledgeHash,
      files: assistant.files,
      storage,
    });
  });
}
