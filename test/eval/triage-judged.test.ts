import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { builtIndex } from '../helpers/built-index.js';
import { ANSWER_RATINGS as RATINGS, readJson } from '../helpers/judged-records.js';

/**
 * `test/eval/triage-judged.json`: the judged reports that the service answers with the triage
 * unit (src/answer/report-triage.ts), and how blind judges rated that answer against the one it
 * replaced and the variants not kept (docs/answers.md). These checks keep the record well-formed,
 * the service answering each report as judged, and the counts the docs quote in step with it.
 */
const VARIANTS = ['before', 'triageOnly', 'triageInFull', 'triage'] as const;
const TRIAGE_UNITS = ['leaks--which-kind-of-growth', 'leaks--what-sets-the-peak'] as const;
type Variant = (typeof VARIANTS)[number];
/** What a later change to the knowledge made the service cite, when and why (at least `minCited` units). */
const citedSinceChange = (minCited: number) =>
  z.object({ cited: z.array(z.string()).min(minCited), date: z.iso.date(), why: z.string().min(1) }).optional();

const recordSchema = z.object({
  $comment: z.string(),
  items: z.array(
    z.object({
      source: z.url(),
      from: z.string().regex(/^answers-compared(-\d)?\.json$/),
      unit: z.enum(TRIAGE_UNITS),
      cited: z.partialRecord(z.enum(VARIANTS), z.array(z.string()).min(1)),
      /** false: measured and not kept; the service still answers it as `cited.before`. */
      kept: z.literal(false).optional(),
      /**
       * What the service cites since a later change to the knowledge (a unit added) moved the
       * closest unit: the triage unit stays first; the judgements are of `cited.triage`.
       */
      citedSince: citedSinceChange(2),
      /**
       * What the service cites since a unit added later answers the report directly (its best unit
       * leads clearly, so no triage unit opens the answer); the judgements are of the answers before.
       */
      answeredSince: citedSinceChange(1),
      /**
       * On a report measured and not kept (`kept: false`): what the service cites since a later
       * change to the knowledge moved its lead under `TRIAGE_MAX_LEAD`, so the kept rule now gives
       * it the triage unit; the judgements are of `cited.before` and `cited.triage`.
       */
      triagedSince: citedSinceChange(2),
      judgements: z
        .array(
          z.object({
            round: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
            judge: z.string(),
            ratings: z.partialRecord(z.enum(VARIANTS), z.enum(RATINGS)),
            best: z.enum([...VARIANTS, 'same']),
            note: z.string().min(1),
          }),
        )
        .min(2),
    }),
  ),
});

const evalDir = new URL('./', import.meta.url);
const record = recordSchema.parse(await readJson(new URL('triage-judged.json', evalDir)));
const questions = new Map<string, string>();
for (const from of new Set(record.items.map((i) => i.from))) {
  const { items } = (await readJson(new URL(from, evalDir))) as { items: { source: string; question: string }[] };
  for (const item of items) questions.set(`${from} ${item.source}`, item.question);
}

type Round = 1 | 2 | 3 | 4;
type Item = (typeof record.items)[number];
const judgedIn = (round: Round) => record.items.filter((i) => i.judgements.some((j) => j.round === round));

/** In one round, per variant rated: how many answers both judges found useful (helpful or partly), and neither. */
function tally(round: Round, variant: Variant, items: readonly Item[] = record.items) {
  let both = 0;
  let neither = 0;
  let misleading = 0;
  let helpful = 0;
  for (const item of items) {
    const ratings = item.judgements.filter((j) => j.round === round).map((j) => j.ratings[variant]);
    if (ratings.length === 0 || ratings.some((r) => r === undefined)) continue;
    if (ratings.every((r) => r === 'helpful' || r === 'partly')) both++;
    if (ratings.every((r) => r === 'not-helpful' || r === 'misleading')) neither++;
    if (ratings.every((r) => r === 'helpful')) helpful++;
    misleading += ratings.filter((r) => r === 'misleading').length;
  }
  return { both, neither, misleading, helpful };
}

/** How many of `items` both judges of `round` would answer with `best`. */
const preferBoth = (round: Round, best: string, items: readonly Item[]) =>
  items.filter((i) => i.judgements.filter((j) => j.round === round).every((j) => j.best === best)).length;

describe('reports answered with the triage unit, judged blind (test/eval/triage-judged.json)', () => {
  it('has 57 long reports of growth judged in two rounds, 12 of a peak in a third and 30 short ones in a fourth, each twice per round', () => {
    const [short, long] = [judgedIn(4), record.items.filter((i) => !judgedIn(4).includes(i))];
    const growth = long.filter((i) => i.unit === 'leaks--which-kind-of-growth');
    const peak = long.filter((i) => i.unit === 'leaks--what-sets-the-peak');
    expect([growth.length, peak.length, short.length]).toEqual([57, 12, 30]);
    expect(new Set(record.items.map((i) => i.source)).size).toBe(99);
    for (const item of growth) expect(item.judgements.map((j) => j.round)).toEqual([1, 1, 2, 2]);
    for (const item of peak) expect(item.judgements.map((j) => j.round)).toEqual([3, 3]);
    for (const item of short) expect(item.judgements.map((j) => j.round)).toEqual([4, 4]);
    // Only short ones were measured and not kept: the lead band from 0.06 to 0.08, and three about a unit's API.
    expect(record.items.filter((i) => i.kept === false).every((i) => short.includes(i))).toBe(true);
    for (const item of record.items) expect(questions.has(`${item.from} ${item.source}`), item.source).toBe(true);
  });

  it('is what the service answers now: the triage unit, then the closest unit (as before where not kept)', async () => {
    const index = await builtIndex();
    for (const item of record.items) {
      const question = questions.get(`${item.from} ${item.source}`) ?? '';
      const answer = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question });
      // Answered without a triage unit: measured and not kept, or a unit added later answers it.
      const direct =
        item.answeredSince?.cited ?? (item.kept === false && !item.triagedSince ? item.cited.before : undefined);
      if (direct) {
        expect(answer.triage, item.source).toBeUndefined();
        expect(
          answer.citations.map((c) => c.id),
          item.source,
        ).toEqual(direct);
        continue;
      }
      expect(answer.triage, item.source).toBe(true);
      expect(
        answer.citations.map((c) => c.id),
        item.source,
      ).toEqual(item.citedSince?.cited ?? item.triagedSince?.cited ?? item.cited.triage);
      if (item.triagedSince) expect(item.kept, item.source).toBe(false);
      expect(item.cited.triage?.[0]).toBe(item.unit);
      if (item.citedSince) expect(item.citedSince.cited[0]).toBe(item.unit);
    }
  });

  it('counts what docs/api.md and docs/answers.md quote', () => {
    const count = ({ both, neither, misleading }: ReturnType<typeof tally>) => ({ both, neither, misleading });
    expect(count(tally(1, 'before'))).toEqual({ both: 16, neither: 38, misleading: 26 });
    expect(count(tally(1, 'triageOnly'))).toEqual({ both: 37, neither: 16, misleading: 0 });
    expect(count(tally(1, 'triageInFull'))).toEqual({ both: 43, neither: 10, misleading: 0 });
    expect(count(tally(2, 'triageOnly'))).toEqual({ both: 34, neither: 19, misleading: 0 });
    expect(count(tally(2, 'triage'))).toEqual({ both: 38, neither: 15, misleading: 0 });
    expect(count(tally(3, 'before'))).toEqual({ both: 3, neither: 9, misleading: 9 });
    expect(count(tally(3, 'triage'))).toEqual({ both: 9, neither: 3, misleading: 0 });
    const peak = judgedIn(3);
    expect([preferBoth(3, 'triage', peak), preferBoth(3, 'before', peak)]).toEqual([8, 1]);
    // Round 4, the short reports: all 30, and the 17 kept (lead under 0.06, naming no API of a unit).
    const short = judgedIn(4);
    const kept = short.filter((i) => i.kept !== false);
    expect(tally(4, 'before', short)).toEqual({ both: 20, neither: 8, misleading: 0, helpful: 1 });
    expect(tally(4, 'triage', short)).toEqual({ both: 28, neither: 1, misleading: 0, helpful: 12 });
    expect([preferBoth(4, 'triage', short), preferBoth(4, 'before', short)]).toEqual([22, 2]);
    expect(tally(4, 'before', kept)).toEqual({ both: 10, neither: 6, misleading: 0, helpful: 1 });
    expect(tally(4, 'triage', kept)).toEqual({ both: 16, neither: 0, misleading: 0, helpful: 7 });
    expect([preferBoth(4, 'triage', kept), preferBoth(4, 'before', kept)]).toEqual([14, 2]);
  });
});
