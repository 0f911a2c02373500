import type { z } from 'zod';
import type { ProblemInit } from './problem.js';

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
