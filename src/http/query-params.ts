import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ProblemException } from './problem.js';
import { validationProblem } from './validation-problem.js';

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
