import { Hono } from 'hono';
import { z } from 'zod';
import type { Assistant } from '../../assistant.js';
import { LIMITS } from '../limits.js';
import { recordOutcome } from '../middleware/request-observer.js';
import { jsonBody } from '../validation.js';

const utf8 = new TextEncoder();
/** Longest accepted `filename`, in characters. */
export const FILENAME_MAX_CHARS = 255;

/** `POST /v1/analyze` body: `code` (1 byte–64 KiB of UTF-8, not blank), an optional `filename` and `includeInfo`. */
export const analyzeRequestSchema = z.object(
  {
    code: z
      .string({ error: (issue) => (issue.input === undefined ? 'code is required' : 'code must be a string') })
      .refine((s) => s.trim().length > 0, { error: 'code must not be empty' })
      .refine((s) => utf8.encode(s).length <= LIMITS.snippetBytes, {
        error: `code must be at most ${LIMITS.snippetBytes / 1024} KiB (UTF-8)`,
      }),
    filename: z
      .string({ error: 'filename must be a string' })
      .min(1, { error: 'filename must not be empty' })
      .max(FILENAME_MAX_CHARS, { error: `filename must be at most ${FILENAME_MAX_CHARS} characters` })
      .optional(),
    includeInfo: z.boolean({ error: 'includeInfo must be true or false' }).optional().meta({
      description: 'Also report `info` findings (worth knowing, often fine). Default `false`: only warnings.',
    }),
  },
  { error: 'the body must be a JSON object with a "code" string' },
);

/**
 * `POST /v1/analyze`: memory anti-patterns in pasted Python, each cited to a guidance tip.
 *
 * @example
 * curl -s localhost:8787/v1/analyze -H 'content-type: application/json' -d '{"code":"s = \"\"\nfor w in ws:\n    s += w"}'
 */
export function analyzeRoutes(assistant: Assistant) {
  return new Hono().post('/v1/analyze', ...jsonBody(analyzeRequestSchema), async (c) => {
    const result = await assistant.analyze(c.req.valid('json'), { signal: c.req.raw.signal });
    recordOutcome(c, { findings: result.findings.length });
    return c.json({
      findings: result.findings,
      syntaxErrors: result.syntaxErrors,
      truncated: result.truncated ?? false,
    });
  });
}
