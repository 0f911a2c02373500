import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ProblemException, type ProblemInit } from './problem.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Validates a JSON body against a zod schema: 415 when the body is not JSON, 400 with one entry
 * per offending field when it does not match. Malformed JSON is a 400 from Hono's validator.
 *
 * @example app.post('/v1/search', jsonBody(searchRequestSchema), (c) => c.req.valid('json'))
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  const requireJson: MiddlewareHandler = async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ProblemException(415, {
        detail: `Send the body as JSON with "Content-Type: application/json" (got ${mediaType ? `"${mediaType}"` : 'none'}).`,
      });
    }
    await next();
  };
  const validate = validator('json', (value: ValidationTargets['json']) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ProblemException(400, validationProblem(parsed.error, 'Invalid request body'));
  });
  return [requireJson, validate] as const;
}

/**
 * Validates the query string against a zod schema: 400 problem+json with one entry per offending
 * parameter when it does not match (the query counterpart of `jsonBody`).
 *
 * @example app.get('/v1/feedback/summary', queryParams(feedbackSummaryQuerySchema), (c) => c.req.valid('query'))
 */
export function queryParams<S extends z.ZodType>(schema: S) {
  return validator('query', (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ProblemException(400, validationProblem(parsed.error, 'Invalid query parameters', '(query)'));
  });
}

/**
 * The 400 problem for a failed zod validation: one `errors` entry per offending field, and a
 * `detail` that lists them all.
 *
 * @example throw new ProblemException(400, validationProblem(parsed.error, 'Invalid request body'))
 */
export function validationProblem(error: z.ZodError, title: string, root = '(body)'): ProblemInit {
  const errors = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || root,
    message: issue.message,
  }));
  return {
    type: 'urn:pymem:problem:validation',
    title,
    detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  };
}
