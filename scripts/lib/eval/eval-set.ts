import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HISTORY_LIMITS } from '../../../src/answer/follow-up/chat-turn.js';

/** Earlier turns of the conversation (kind `follow-up`): the question is resolved against them as the service does. */
const historySchema = z
  .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }))
  .max(HISTORY_LIMITS.turns)
  .optional();

const inScopeSchema = z.object({
  question: z.string().min(1),
  history: historySchema,
  /** plain, paraphrase, typo, slang, code or follow-up (asked after `history`): reported per kind. */
  kind: z.string().min(1),
  /** Every tip id that is a right answer; the first is the best one. */
  expected: z.array(z.string().min(1)).min(1),
});

const outOfScopeSchema = z.object({
  question: z.string().min(1),
  history: historySchema,
  /** off-topic, python (not about memory), injection or follow-up (asked after `history`). */
  kind: z.string().min(1),
});

export const evalSetSchema = z.object({
  inScope: z.array(inScopeSchema).min(1),
  outOfScope: z.array(outOfScopeSchema).min(1),
});

export type EvalSet = z.infer<typeof evalSetSchema>;
export type InScopeQuestion = z.infer<typeof inScopeSchema>;
export type OutOfScopeQuestion = z.infer<typeof outOfScopeSchema>;

/** The question set the repository ships; its floors gate `npm test`. */
export const DEFAULT_EVAL_SET = new URL('../../../test/eval/questions.json', import.meta.url);

/** A second, harder set written after the first (see the README, "Retrieval quality"). */
export const HOLDOUT_EVAL_SET = new URL('../../../test/eval/holdout.json', import.meta.url);

/** Reads and validates an eval set; unknown tip ids are an error, so a renamed tip is caught. */
export async function loadEvalSet(path: string | URL, knownTipIds: ReadonlySet<string>): Promise<EvalSet> {
  const parsed = evalSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid eval set ${String(path)}: ${z.prettifyError(parsed.error)}`);
  const unknown = parsed.data.inScope.flatMap((q) => q.expected.filter((id) => !knownTipIds.has(id)));
  if (unknown.length > 0)
    throw new Error(`Eval set ${String(path)} names unknown tip ids: ${[...new Set(unknown)].join(', ')}`);
  return parsed.data;
}
