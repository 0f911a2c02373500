import { Hono } from 'hono';
import { adminAuth } from '../middleware/auth.js';
import type { RequestMetrics } from '../middleware/metrics.js';
import type { FailedAuthGuard } from '../middleware/rate-limit.js';

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
