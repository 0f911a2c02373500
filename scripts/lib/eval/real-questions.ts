import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The real-world eval set (`test/eval/real-questions.json`): questions copied from public Q&A
 * pages and issue threads, each with its source, in five categories, split into a tuning half and
 * a holdout half by a hash of the source URL (never chosen by hand).
 */
export const REAL_QUESTIONS_SET = new URL('../../../test/eval/real-questions.json', import.meta.url);

/**
 * A second real set, for tuning only (`tuningOnly`): questions copied from public threads unit by
 * unit, so the tuning decisions rest on more than the real set's tuning half. None of its threads
 * or questions is in `real-questions.json` (its test checks that), so the holdout stays unread.
 */
export const REAL_TUNING_SET = new URL('../../../test/eval/real-tuning-questions.json', import.meta.url);

/**
 * - `in-scope`: a guidance tip answers it (`expected`: every acceptable unit, guidance tips first);
 * - `companion`: about Python memory, and the guidance's one-line tips do not answer it but a
 *   companion unit does, or a companion facet of a guidance tip (`expected`: every acceptable unit);
 * - `related`: about Python memory, and no unit answers it (`related`: units acceptable as related);
 * - `other-runtime`: the memory of another runtime or language;
 * - `not-memory`: a Python question with no memory angle.
 */
export const REAL_CATEGORIES = ['in-scope', 'companion', 'related', 'other-runtime', 'not-memory'] as const;
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
    /**
     * other-runtime: whether a reader without the source link could tell from the text alone that
     * it is another runtime's (it names one, shows its code, or uses an idiom only it has). Most
     * that the service answers do not ("Memory leak. There is a memory leak in this app"): only
     * the repository they were filed in says so. Labelled blind, from the text only.
     */
    runtimeShown: z.boolean().optional(),
    /** in-scope and companion: every unit that answers it, the best first. */
    expected: tipIds.min(1).optional(),
    /**
     * in-scope and companion: the triage units (`triage:` in their marker) that answer it too,
     * labelled later and apart: the labellers of `expected` chose from a list of units that left
     * the triage units out, as they are never ranked. Both of two blind labellers said the unit
     * answers it. {@link loadRealQuestions} counts them as expected.
     */
    triageAccepted: tipIds.min(1).optional(),
    /** related: the tips acceptable as related (possibly none). */
    related: tipIds.optional(),
    /** What the question is about, in words (for labelling units added later). */
    topics: z.array(z.string().min(1)).optional(),
    /**
     * The language the asker wrote in (ISO 639-1), for a question copied in another language than
     * English or Chinese: `es`, `pt`, `fr`, `de`, `it`, `ru`, `ja`, `ko`. Recorded by whoever copied it,
     * not detected, so a question the glossary fails to recognise still counts.
     */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, { error: 'language is an ISO 639-1 code such as "es"' })
      .optional(),
    /**
     * The collection round it was copied in (1 when absent) and the category it was collected
     * under (its `category` when absent): its half is fixed by these, so relabelling a question
     * later (`related` → `companion` once a unit answers it) never moves it between halves.
     */
    round: z.number().int().min(1).optional(),
    collectedAs: z.enum(REAL_CATEGORIES).optional(),
  })
  .superRefine((q, ctx) => {
    const answered = q.category === 'in-scope' || q.category === 'companion';
    if (answered && !q.expected)
      ctx.addIssue({ code: 'custom', message: `${q.id}: an ${q.category} question names its expected units` });
    if (!answered && (q.expected || q.triageAccepted))
      ctx.addIssue({ code: 'custom', message: `${q.id}: only in-scope and companion questions have expected units` });
    if ((q.category === 'other-runtime') !== (q.runtimeShown !== undefined))
      ctx.addIssue({
        code: 'custom',
        message: `${q.id}: every other-runtime question, and only one, says runtimeShown`,
      });
    if (q.category === 'related' && (!q.related || !q.topics?.length))
      ctx.addIssue({ code: 'custom', message: `${q.id}: a related question names its related tips and topics` });
  });

const collectionSchema = z.object({
  tool: z.string(),
  lookups: z.number().int().nonnegative(),
  /** Every search query, in order; `round` (1 when absent) is the collection round it served. */
  queries: z.array(
    z.object({
      corpus: z.enum(['pages', 'issues']),
      query: z.string().min(1),
      round: z.number().int().min(1).optional(),
    }),
  ),
});

export const realQuestionSetSchema = z.object({
  $comment: z.string(),
  /** Every question is in the tuning half (a set collected to tune on; never split). */
  tuningOnly: z.literal(true).optional(),
  split: z.object({
    method: z.string(),
    tuning: z.number().int(),
    holdout: z.number().int(),
    /** Rounds collected only to measure (see {@link splitHalves}): every question of them is in the holdout. */
    holdoutRounds: z.array(z.number().int().min(1)).optional(),
  }),
  collection: collectionSchema,
  questions: z.array(questionSchema).min(1),
});

export type RealQuestion = z.infer<typeof questionSchema>;
export type RealQuestionSet = z.infer<typeof realQuestionSetSchema>;

/**
 * The group a question is split within: its collection round and the category it was collected
 * under (see `round` and `collectedAs`).
 */
export function splitGroup(q: Pick<RealQuestion, 'category' | 'round' | 'collectedAs'>): string {
  return `${q.round ?? 1}/${q.collectedAs ?? q.category}`;
}

/**
 * The half a question belongs to: within its split group (collection round and category at
 * collection), questions are ordered by the SHA-256 of their source URL, and even positions are
 * the tuning half. Questions added in a new round are split among themselves, so no earlier
 * question changes half; relabelling a question does not move it either. A round in
 * `holdoutRounds` was collected to measure the service as tuned, not to tune it further: all of
 * its questions are in the holdout.
 */
export function splitHalves(
  questions: readonly Pick<RealQuestion, 'source' | 'category' | 'round' | 'collectedAs'>[],
  holdoutRounds: readonly number[] = [],
): Half[] {
  const halves: Half[] = new Array<Half>(questions.length).fill('tuning');
  const measuring = (q: Pick<RealQuestion, 'round'>) => holdoutRounds.includes(q.round ?? 1);
  questions.forEach((q, i) => {
    if (measuring(q)) halves[i] = 'holdout';
  });
  const groups = [...new Set(questions.filter((q) => !measuring(q)).map(splitGroup))];
  for (const group of groups) {
    questions
      .map((q, i) => ({ i, group: splitGroup(q), hash: sha256(q.source) }))
      .filter((q) => q.group === group)
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
 * halves as derived from the URLs. A question's `triageAccepted` units are returned in its
 * `expected`, after the units labelled first.
 */
export async function loadRealQuestions(
  path: string | URL,
  knownTipIds: ReadonlySet<string>,
): Promise<RealQuestionSet> {
  const parsed = realQuestionSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid real-question set ${String(path)}: ${z.prettifyError(parsed.error)}`);
  const set = parsed.data;
  const problems: string[] = [];
  const unknown = set.questions.flatMap((q) =>
    [...(q.expected ?? []), ...(q.triageAccepted ?? []), ...(q.related ?? [])].filter((id) => !knownTipIds.has(id)),
  );
  if (unknown.length > 0) problems.push(`unknown tip ids: ${[...new Set(unknown)].join(', ')}`);
  const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  const sameSource = duplicates(set.questions.map((q) => q.source));
  if (sameSource.length > 0) problems.push(`sources used twice: ${sameSource.join(', ')}`);
  const sameQuestion = duplicates(set.questions.map((q) => q.question.toLowerCase()));
  if (sameQuestion.length > 0) problems.push(`questions asked twice: ${sameQuestion.join(' | ')}`);
  const halves: Half[] = set.tuningOnly
    ? set.questions.map(() => 'tuning')
    : splitHalves(set.questions, set.split.holdoutRounds);
  set.questions.forEach((q, i) => {
    if (q.id !== questionId(q.source)) problems.push(`${q.id}: the id of ${q.source} is ${questionId(q.source)}`);
    if (q.half !== halves[i])
      problems.push(
        set.tuningOnly
          ? `${q.id}: in the ${q.half} half of a tuning-only set`
          : `${q.id}: in the ${q.half} half, but its URL hash puts it in the ${halves[i]} half`,
      );
  });
  const counted = {
    tuning: halves.filter((h) => h === 'tuning').length,
    holdout: halves.filter((h) => h === 'holdout').length,
  };
  if (counted.tuning !== set.split.tuning || counted.holdout !== set.split.holdout)
    problems.push(
      `split counts say ${set.split.tuning}/${set.split.holdout}, the questions ${counted.tuning}/${counted.holdout}`,
    );
  if (problems.length > 0) throw new Error(`Real-question set ${String(path)}: ${problems.join('; ')}`);
  return { ...set, questions: set.questions.map(withTriageAccepted) };
}

/** `q` with its `triageAccepted` units after its `expected` ones: every reader of the set counts them alike. */
function withTriageAccepted(q: RealQuestion): RealQuestion {
  if (!q.triageAccepted) return q;
  const expected = q.expected ?? [];
  return { ...q, expected: [...expected, ...q.triageAccepted.filter((id) => !expected.includes(id))] };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
