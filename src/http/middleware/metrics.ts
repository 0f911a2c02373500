import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../deps.js';
import type { Clock } from '../../ratelimit/rate-limiter.js';
import type { RequestOutcome } from './request-outcome.js';
import { onResponseDone } from './response-done.js';
import { routePattern } from './route-pattern.js';

/** One finished request, as the metrics see it. */
export interface ObservedRequest {
  readonly method: string;
  /** The matched route pattern, or `unmatched` (kept bounded: never the raw path). */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  readonly outcome?: RequestOutcome;
}

/**
 * Where request metrics go (Node: Prometheus through prom-client). The app only records; the
 * backend renders its own exposition format.
 */
export interface RequestMetrics {
  observe(request: ObservedRequest): void;
  /** The exposition (`text/plain; version=0.0.4` for Prometheus). */
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface MetricsOptions {
  readonly metrics: RequestMetrics;
  readonly clock?: Clock;
}

/**
 * Records each request's method, route pattern, status and duration, and what it answered
 * (abstentions, findings), when the response is done.
 *
 * @example app.use(requestMetrics({ metrics: createPrometheusMetrics() }));
 */
export function requestMetrics(options: MetricsOptions): MiddlewareHandler<AppEnv> {
  const clock = options.clock ?? (() => performance.now());
  return async (c, next) => {
    const started = clock();
    await next();
    onResponseDone(c, () => {
      const outcome = c.get('outcome');
      options.metrics.observe({
        method: c.req.method,
        route: routePattern(c) ?? 'unmatched',
        status: c.res.status,
        seconds: (clock() - started) / 1000,
        ...(outcome ? { outcome } : {}),
      });
    });
  };
}
