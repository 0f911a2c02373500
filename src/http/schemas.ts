import { z } from 'zod';
import { LIMITS } from './limits.js';

const utf8 = new TextEncoder();

const nonBlank = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((s) => s.trim().length > 0, { error: `${field} must not be empty` });

const k = z
  .number({ error: 'k must be a number' })
  .int({ error: 'k must be an integer' })
  .min(LIMITS.kMin, { error: `k must be at least ${LIMITS.kMin}` })
  .max(LIMITS.kMax, { error: `k must be at most ${LIMITS.kMax}` });

export const snippetSchema = z
  .string({ error: 'snippet must be a string' })
  .refine((s) => utf8.encode(s).length <= LIMITS.snippetBytes, {
    error: `snippet must be at most ${LIMITS.snippetBytes / 1024} KiB`,
  });

export const searchRequestSchema = z.object({
  query: nonBlank('query', LIMITS.queryChars),
  k: k.default(5),
});

export const askRequestSchema = z.object({
  question: nonBlank('question', LIMITS.questionChars),
  snippet: snippetSchema.optional(),
  k: k.optional(),
});

export type SearchRequest = z.infer<typeof searchRequestSchema>;
export type AskRequest = z.infer<typeof askRequestSchema>;
