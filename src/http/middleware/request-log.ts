import type { Logger } from '../../logger.js';
import type { FinishedRequest, RequestObserver } from './request-observer.js';

/** The `request` log line: one per request, never with credentials or bodies. */
export type RequestLogLine = {
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
};

/**
 * Writes one JSON line per request (event `request`): route, status, latency, request id, and
 * what the route recorded with `recordOutcome` (top tip score, abstention, findings count, MCP tool).
 *
 * @example app.use(observeRequests([logRequests(createJsonLogger())]));
 */
export function logRequests(logger: Logger): RequestObserver {
  return (request) => logger.info('request', requestLogLine(request));
}

function requestLogLine(request: FinishedRequest): RequestLogLine {
  const line = {
    requestId: request.requestId,
    method: request.method,
    route: request.route ?? null,
    path: request.path,
    status: request.status,
    latencyMs: Math.round(request.latencyMs * 100) / 100,
  };
  // Added in place, not spread: this runs once per request.
  if (request.principal) Object.assign(line, { principal: request.principal });
  return request.outcome ? Object.assign(line, request.outcome) : line;
}
