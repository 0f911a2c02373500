import { z } from 'zod';
import { HISTORY_LIMITS } from '../answer/follow-up/chat-turn.js';
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

/** One earlier message of the conversation; see `HISTORY_LIMITS`. */
const historyTurnSchema = z.object({
  role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
  content: z.string({ error: 'content must be a string' }),
});

/** The conversation before `question`, oldest first: at most 10 turns and 16 KiB of content. */
export const historySchema = z
  .array(historyTurnSchema, { error: 'history must be an array of { role, content } turns' })
  .max(HISTORY_LIMITS.turns, {
    error: `history must hold at most ${HISTORY_LIMITS.turns} turns (send the most recent ones)`,
  })
  .refine((turns) => turns.reduce((bytes, t) => bytes + utf8.encode(t.content).length, 0) <= HISTORY_LIMITS.bytes, {
    error: `history must hold at most ${HISTORY_LIMITS.bytes / 1024} KiB of content in all (send the most recent turns)`,
  });

/** The language of `snippet` as an editor or chat client names it (`go`, `typescript`, `python`); see `Question.snippetLanguage`. */
const snippetLanguage = z
  .string({ error: 'snippetLanguage must be a string' })
  .max(LIMITS.snippetLanguageChars, {
    error: `snippetLanguage must be at most ${LIMITS.snippetLanguageChars} characters`,
  })
  .regex(/^[\w+#.-]+$/, { error: 'snippetLanguage must be a language name such as "python", "go" or "c++"' });

export const askRequestSchema = z
  .object({
    question: nonBlank('question', LIMITS.questionChars),
    snippet: snippetSchema.optional(),
    snippetLanguage: snippetLanguage.optional(),
    k: k.optional(),
    history: historySchema.optional(),
  })
  .refine((q) => q.snippetLanguage === undefined || q.snippet !== undefined, {
    error: 'snippetLanguage names the language of snippet: send it with a snippet',
    path: ['snippetLanguage'],
  });

export const feedbackRequestSchema = z.object({
  answerId: z.uuid({ error: 'answerId must be the answerId of an answer (a UUID)' }),
  helpful: z.boolean({ error: 'helpful must be true or false' }),
  comment: z
    .string({ error: 'comment must be a string' })
    .max(LIMITS.feedbackCommentChars, { error: `comment must be at most ${LIMITS.feedbackCommentChars} characters` })
    .transform((s) => s.trim() || undefined)
    .optional(),
});

export const feedbackSummaryQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be an integer' })
    .min(1, { error: 'limit must be at least 1' })
    .max(LIMITS.summaryLimitMax, { error: `limit must be at most ${LIMITS.summaryLimitMax}` })
    .default(20),
});
