import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../deps.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../ratelimit/rate-limiter.js';
import { onResponseDone } from './response-done.js';
import { routePattern } from './route-pattern.js';

export interface RequestLogOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
}

/** The `request` log line: one per request, never with credentials or bodies. */
export interface RequestLogLine {
  readonly requestId: string;
  readonly method: string;
  /** The matched route pattern (`/v1/tips/:id`), `null` for unmatched paths. */
  readonly route: string | null;
  /** The path, without the query string (which could carry anything). */
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  /** `api-key`, `widget-key` or `admin` with the key's id (a hash prefix, never the key). */
  readonly principal?: string;
  readonly topScore?: number;
  readonly abstained?: boolean;
  readonly findings?: number;
  readonly tool?: string;
}

/**
 * Writes one JSON line per request (event `request`) when its response is done: route, status,
 * latency, request id, and what the route recorded with `recordOutcome` (top tip score,
 * abstention, findings count, MCP tool).
 *
 * @example app.use(requestLog({ logger: createJsonLogger() }));
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler<AppEnv> {
  const clock = options.clock ?? (() => performance.now());
  return async (c, next) => {
    const started = clock();
    await next();
    onResponseDone(c, () => {
      const principal = c.get('principal');
      const line: RequestLogLine = {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: routePattern(c) ?? null,
        path: c.req.path,
        status: c.res.status,
        latencyMs: Math.round((clock() - started) * 100) / 100,
        ...(principal ? { principal: `${principal.kind}:${principal.keyId}` } : {}),
        ...c.get('outcome'),
      };
      options.logger.info('request', { ...line });
    });
  };
}
