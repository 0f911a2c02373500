import { Hono } from 'hono';
import type { AppEnv } from '../../deps.js';
import { adminAuth } from '../middleware/admin-auth.js';
import type { RequestMetrics } from '../middleware/metrics.js';

/**
 * `GET /metrics`: the metrics in their exposition format (Prometheus text on Node), behind the
 * admin token.
 *
 * @example app.route('/', metricsRoutes(createPrometheusMetrics(), config.ADMIN_TOKEN))
 */
export function metricsRoutes(metrics: RequestMetrics, adminToken: string | undefined) {
  return new Hono<AppEnv>().get('/metrics', adminAuth({ token: adminToken }), async (c) => {
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
