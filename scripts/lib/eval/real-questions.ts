import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The real-world eval set (`test/eval/real-questions.json`): questions copied from public Q&A
 * pages and issue threads, each with its source, in four categories, split into a tuning half and
 * a holdout half by a hash of the source URL (never chosen by hand).
 */
export const REAL_QUESTIONS_SET = new URL('../../../test/eval/real-questions.json', import.meta.url);

export const REAL_CATEGORIES = ['in-scope', 'related', 'other-runtime', 'not-memory'] as const;
export type RealCategory = (typeof REAL_CATEGORIES)[number];
export const HALVES = ['tuning', 'holdout'] as const;
export type Half = (typeof HALVES)[number];

const tipIds = z.array(z.string().min(1));

const questionSchema = z
  .object({
    id: z.string().regex(/^rq-[0-9a-f]{10}$/),
    /** The asker's words, as published. */
    question: z.string().min(1).max(2000),
    source: z.url({ protocol: /^https?$/ }),
    category: z.enum(REAL_CATEGORIES),
    half: z.enum(HALVES),
    /** in-scope: every tip that answers it, the best first. */
    expected: tipIds.min(1).optional(),
    /** related: the tips acceptable as related (possibly none). */
    related: tipIds.optional(),
    /** What the question is about, in words (for labelling units added later). */
    topics: z.array(z.string().min(1)).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.category === 'in-scope' && !q.expected) ctx.addIssue({ code: 'custom', message: `${q.id}: an in-scope question names its expected tips` });
    if (q.category !== 'in-scope' && q.expected) ctx.addIssue({ code: 'custom', message: `${q.id}: only in-scope questions have expected tips` });
    if (q.category === 'related' && (!q.related || !q.topics?.length)) ctx.addIssue({ code: 'custom', message: `${q.id}: a related question names its related tips and topics` });
  });

const collectionSchema = z.object({
  tool: z.string(),
  lookups: z.number().int().nonnegative(),
  queries: z.array(z.object({ corpus: z.enum(['pages', 'issues']), query: z.string().min(1) })),
});

export const realQuestionSetSchema = z.object({
  $comment: z.string(),
  split: z.object({ method: z.string(), tuning: z.number().int(), holdout: z.number().int() }),
  collection: collectionSchema,
  questions: z.array(questionSchema).min(1),
});

export type RealQuestion = z.infer<typeof questionSchema>;
export type RealQuestionSet = z.infer<typeof realQuestionSetSchema>;

/**
 * The half a question belongs to: within its category, questions are ordered by the SHA-256 of
 * their source URL, and even positions are the tuning half. Adding questions can move others
 * between halves; the test that checks the file says so, and the lead decides.
 */
export function splitHalves(questions: readonly Pick<RealQuestion, 'source' | 'category'>[]): Half[] {
  const halves: Half[] = new Array<Half>(questions.length).fill('tuning');
  for (const category of REAL_CATEGORIES) {
    questions
      .map((q, i) => ({ i, category: q.category, hash: sha256(q.source) }))
      .filter((q) => q.category === category)
      .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
      .forEach((q, position) => {
        halves[q.i] = position % 2 === 0 ? 'tuning' : 'holdout';
      });
  }
  return halves;
}

/** The id a question gets from its source URL. */
export function questionId(source: string): string {
  return `rq-${sha256(source).slice(0, 10)}`;
}

/**
 * Reads and validates the set: the schema, known tip ids, unique sources and questions, ids and
 * halves as derived from the URLs.
 */
export async function loadRealQuestions(path: string | URL, knownTipIds: ReadonlySet<string>): Promise<RealQuestionSet> {
  const parsed = realQuestionSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid real-question set ${String(path)}: ${z.prettifyError(parsed.error)}`);
  const set = parsed.data;
  const problems: string[] = [];
  const unknown = set.questions.flatMap((q) => [...(q.expected ?? []), ...(q.related ?? [])].filter((id) => !knownTipIds.has(id)));
  if (unknown.length > 0) problems.push(`unknown tip ids: ${[...new Set(unknown)].join(', ')}`);
  const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  const sameSource = duplicates(set.questions.map((q) => q.source));
  if (sameSource.length > 0) problems.push(`sources used twice: ${sameSource.join(', ')}`);
  const sameQuestion = duplicates(set.questions.map((q) => q.question.toLowerCase()));
  if (sameQuestion.length > 0) problems.push(`questions asked twice: ${sameQuestion.join(' | ')}`);
  const halves = splitHalves(set.questions);
  set.questions.forEach((q, i) => {
    if (q.id !== questionId(q.source)) problems.push(`${q.id}: the id of ${q.source} is ${questionId(q.source)}`);
    if (q.half !== halves[i]) problems.push(`${q.id}: in the ${q.half} half, but its URL hash puts it in the ${halves[i]} half`);
  });
  const counted = { tuning: halves.filter((h) => h === 'tuning').length, holdout: halves.filter((h) => h === 'holdout').length };
  if (counted.tuning !== set.split.tuning || counted.holdout !== set.split.holdout) problems.push(`split counts say ${set.split.tuning}/${set.split.holdout}, the questions ${counted.tuning}/${counted.holdout}`);
  if (problems.length > 0) throw new Error(`Real-question set ${String(path)}: ${problems.join('; ')}`);
  return set;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
