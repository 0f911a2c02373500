import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../ratelimit/rate-limiter.js';
import type { RequestOutcome } from './request-outcome.js';
import { onResponseDone } from './response-done.js';
import { routePattern } from './route-pattern.js';

/** A request whose response is done, as the request log and the metrics see it. */
export interface FinishedRequest {
  readonly requestId: string;
  readonly method: string;
  /** The matched route pattern (`/v1/tips/:id`), undefined for unmatched paths. */
  readonly route: string | undefined;
  /** The path, without the query string. */
  readonly path: string;
  readonly status: number;
  /** From the request's arrival at this middleware to its last byte (streams) or its response. */
  readonly latencyMs: number;
  /** `api-key:k_…`, `widget-key:k_…` or `admin:…` (a key id, never the key). */
  readonly principal: string | undefined;
  readonly outcome: RequestOutcome | undefined;
}

/** Told about every finished request (the request log, the metrics). */
export type RequestObserver = (request: FinishedRequest) => void;

/**
 * Measures each request once and hands the result to every observer when its response is done
 * (for an event stream, after its last event): one clock pair, one route lookup, whatever the
 * number of observers.
 *
 * @example app.use(observeRequests([logRequests(logger), measureRequests(metrics)]));
 */
export function observeRequests(
  observers: readonly RequestObserver[],
  clock: Clock = () => performance.now(),
): MiddlewareHandler {
  return async (c, next) => {
    const started = clock();
    await next();
    onResponseDone(c, () => {
      const principal = c.get('principal');
      const finished: FinishedRequest = {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: routePattern(c),
        path: c.req.path,
        status: c.res.status,
        latencyMs: clock() - started,
        principal: principal ? `${principal.kind}:${principal.keyId}` : undefined,
        outcome: c.get('outcome'),
      };
      for (const observe of observers) observe(finished);
    });
  };
}
