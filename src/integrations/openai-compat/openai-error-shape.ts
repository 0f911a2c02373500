import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../../http/problem.js';
import type { openAiErrorSchema } from './openapi.js';

/** OpenAI's error body, which its clients (the `openai` package, editors) parse: the type of its documented schema. */
export type OpenAiErrorBody = z.output<typeof openAiErrorSchema>;

/**
 * The error `type` OpenAI's API uses for a status.
 */
function errorType(status: number): OpenAiErrorBody['error']['type'] {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * A problem+json body in OpenAI's error shape: `detail` becomes `message`, the first invalid field
 * `param`, the problem type's last segment `code`.
 *
 * @example openAiError({ type: 'urn:pymem:problem:rate-limited', title: 'Too Many Requests', status: 429, detail: 'Slow down.' })
 * // → { error: { message: 'Slow down.', type: 'rate_limit_error', param: null, code: 'rate_limited' } }
 */
export function openAiError(problem: Pick<ProblemDetails, 'type' | 'status' | 'detail' | 'errors'>): OpenAiErrorBody {
  const code = problem.type.startsWith('urn:') ? (problem.type.split(':').at(-1) ?? '').replace(/-/g, '_') : '';
  return {
    error: {
      message: problem.detail,
      type: errorType(problem.status),
      param: problem.errors?.[0]?.path ?? null,
      code: code || null,
    },
  };
}

/**
 * Reshapes every problem+json response on the paths it guards into OpenAI's error body (same
 * status and headers: `Retry-After`, `WWW-Authenticate`, `X-Request-Id`), whoever produced it: the
 * route, validation, auth, the rate limit, the body limit. Register it before those.
 *
 * @example for (const path of OPENAI_COMPAT_PATHS) app.use(path, openAiErrorShape());
 */
export function openAiErrorShape(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get('content-type') ?? '').startsWith(PROBLEM_CONTENT_TYPE)) return;
    const problem = (await c.res.clone().json()) as ProblemDetails;
    const { status } = c.res;
    c.res.headers.delete('content-length');
    c.res = new Response(JSON.stringify(openAiError(problem)), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}
