import type { Context } from 'hono';
import type { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AnalysisBudgetError } from '../analyze/analysis-budget.js';
import { AnalysisUnavailableError } from '../analyze/code-analyzer.js';
import type { problemSchema } from './openapi/schemas.js';

/** RFC 9457 problem details, the body of every error response: the type of its documented schema. */
export type ProblemDetails = z.output<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types by status; URNs so they are stable identifiers without a web page behind them. */
const TITLES: Record<number, { type: string; title: string }> = {
  400: { type: 'urn:pymem:problem:bad-request', title: 'Bad Request' },
  401: { type: 'urn:pymem:problem:unauthorized', title: 'Unauthorized' },
  403: { type: 'urn:pymem:problem:forbidden', title: 'Forbidden' },
  404: { type: 'urn:pymem:problem:not-found', title: 'Not Found' },
  405: { type: 'urn:pymem:problem:method-not-allowed', title: 'Method Not Allowed' },
  413: { type: 'urn:pymem:problem:payload-too-large', title: 'Payload Too Large' },
  415: { type: 'urn:pymem:problem:unsupported-media-type', title: 'Unsupported Media Type' },
  422: { type: 'urn:pymem:problem:unprocessable', title: 'Unprocessable Content' },
  429: { type: 'urn:pymem:problem:rate-limited', title: 'Too Many Requests' },
  500: { type: 'urn:pymem:problem:internal', title: 'Internal Server Error' },
  503: { type: 'urn:pymem:problem:unavailable', title: 'Service Unavailable' },
};

export interface ProblemInit {
  readonly detail: string;
  readonly type?: string;
  readonly title?: string;
  readonly errors?: ProblemDetails['errors'];
}

/** Builds the problem body for a status, filling type and title from the status when not given. */
export function problemDetails(status: number, init: ProblemInit): ProblemDetails {
  const known = TITLES[status] ?? { type: 'about:blank', title: 'Error' };
  return {
    type: init.type ?? known.type,
    title: init.title ?? known.title,
    status,
    detail: init.detail,
    ...(init.errors ? { errors: init.errors } : {}),
  };
}

/** Responds with `application/problem+json`, tagged with the request id when there is one. */
export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  init: ProblemInit,
  headers: Record<string, string> = {},
): Response {
  const requestId = c.get('requestId') as string | undefined;
  const body = { ...problemDetails(status, init), ...(requestId ? { requestId } : {}) };
  return c.json(body, status, { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE });
}

/** Thrown anywhere in a handler; `app.onError` turns it into the problem response. */
export class ProblemException extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly problem: ProblemInit,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message: problem.detail });
    this.name = 'ProblemException';
  }
}

/** A problem response's parts: status, body fields, extra headers. */
export interface ProblemParts {
  readonly status: ContentfulStatusCode;
  readonly problem: ProblemInit;
  readonly headers: Record<string, string>;
}

/**
 * The problem for an analysis the analyzer refused, or `undefined` for any other error: over the
 * work budget is the input's fault (422 `analysis-budget`, retrying will not help); no thread in
 * time or no room in the queue is the server's (503 `analysis-unavailable` with `Retry-After`).
 *
 * @example const refusal = analysisRefusal(err); if (refusal) return problemResponse(c, refusal.status, refusal.problem, refusal.headers);
 */
export function analysisRefusal(error: unknown): ProblemParts | undefined {
  if (error instanceof AnalysisBudgetError) {
    return {
      status: 422,
      problem: {
        type: 'urn:pymem:problem:analysis-budget',
        title: 'Code Too Costly To Analyze',
        detail: `${error.message} The code is too costly to analyze (it nests or fails to parse in ways real code does not); send less of it.`,
      },
      headers: {},
    };
  }
  if (error instanceof AnalysisUnavailableError) {
    return {
      status: 503,
      problem: {
        type: 'urn:pymem:problem:analysis-unavailable',
        title: 'Analysis Unavailable',
        detail: `${error.message} Retry in ${error.retryAfterSeconds} s.`,
      },
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  }
  return undefined;
}
