import type { RequestOutcome, RequestObserver } from './request-observer.js';

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

/**
 * Records each request's method, route pattern, status and duration, and what it answered
 * (abstentions, findings).
 *
 * @example app.use(observeRequests([measureRequests(createPrometheusMetrics())]));
 */
export function measureRequests(metrics: RequestMetrics): RequestObserver {
  return (request) =>
    metrics.observe({
      method: request.method,
      route: request.route ?? 'unmatched',
      status: request.status,
      seconds: request.latencyMs / 1000,
      ...(request.outcome ? { outcome: request.outcome } : {}),
    });
}
