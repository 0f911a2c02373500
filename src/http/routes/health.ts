import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';
import type { StorageHealth } from '../../feedback/types.js';
import { adminAuth } from '../middleware/auth.js';
import type { RequestMetrics } from '../middleware/metrics.js';
import type { FailedAuthGuard } from '../middleware/rate-limit.js';

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

/**
 * `GET /metrics`: the metrics in their exposition format (Prometheus text on Node), behind the
 * admin token.
 *
 * @example app.route('/', metricsRoutes(createPrometheusMetrics(), config.ADMIN_TOKEN))
 */
export function metricsRoutes(metrics: RequestMetrics, adminToken: string | undefined, failedAuth?: FailedAuthGuard) {
  return new Hono().get('/metrics', adminAuth({ token: adminToken, failedAuth }), async (c) => {
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
