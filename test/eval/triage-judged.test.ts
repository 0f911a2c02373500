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
const recordSchema = z.object({
  $comment: z.string(),
  items: z.array(
    z.object({
      source: z.url(),
      from: z.string().regex(/^answers-compared(-\d)?\.json$/),
      unit: z.enum(TRIAGE_UNITS),
      cited: z.partialRecord(z.enum(VARIANTS), z.array(z.string()).min(1)),
      judgements: z
        .array(
          z.object({
            round: z.union([z.literal(1), z.literal(2), z.literal(3)]),
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

/** In one round, per variant rated: how many answers both judges found useful (helpful or partly), and neither. */
function tally(round: 1 | 2 | 3, variant: Variant) {
  let both = 0;
  let neither = 0;
  let misleading = 0;
  for (const item of record.items) {
    const ratings = item.judgements.filter((j) => j.round === round).map((j) => j.ratings[variant]);
    if (ratings.length === 0 || ratings.some((r) => r === undefined)) continue;
    if (ratings.every((r) => r === 'helpful' || r === 'partly')) both++;
    if (ratings.every((r) => r === 'not-helpful' || r === 'misleading')) neither++;
    misleading += ratings.filter((r) => r === 'misleading').length;
  }
  return { both, neither, misleading };
}

describe('reports answered with the triage unit, judged blind (test/eval/triage-judged.json)', () => {
  it('has 57 reports of growth judged in two rounds and 12 of a peak in a third, each twice per round', () => {
    const growth = record.items.filter((i) => i.unit === 'leaks--which-kind-of-growth');
    const peak = record.items.filter((i) => i.unit === 'leaks--what-sets-the-peak');
    expect([growth.length, peak.length]).toEqual([57, 12]);
    expect(new Set(record.items.map((i) => i.source)).size).toBe(69);
    for (const item of growth) expect(item.judgements.map((j) => j.round)).toEqual([1, 1, 2, 2]);
    for (const item of peak) expect(item.judgements.map((j) => j.round)).toEqual([3, 3]);
    for (const item of record.items) expect(questions.has(`${item.from} ${item.source}`), item.source).toBe(true);
  });

  it('is what the service answers now: the triage unit, then the closest unit', async () => {
    const index = await builtIndex();
    for (const item of record.items) {
      const question = questions.get(`${item.from} ${item.source}`) ?? '';
      const answer = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question });
      expect(answer.triage, item.source).toBe(true);
      expect(
        answer.citations.map((c) => c.id),
        item.source,
      ).toEqual(item.cited.triage);
      expect(item.cited.triage?.[0]).toBe(item.unit);
    }
  });

  it('counts what docs/api.md and docs/answers.md quote', () => {
    expect(tally(1, 'before')).toEqual({ both: 16, neither: 38, misleading: 26 });
    expect(tally(1, 'triageOnly')).toEqual({ both: 37, neither: 16, misleading: 0 });
    expect(tally(1, 'triageInFull')).toEqual({ both: 43, neither: 10, misleading: 0 });
    expect(tally(2, 'triageOnly')).toEqual({ both: 34, neither: 19, misleading: 0 });
    expect(tally(2, 'triage')).toEqual({ both: 38, neither: 15, misleading: 0 });
    expect(tally(3, 'before')).toEqual({ both: 3, neither: 9, misleading: 9 });
    expect(tally(3, 'triage')).toEqual({ both: 9, neither: 3, misleading: 0 });
    const preferBoth = (best: string) =>
      record.items.filter((i) => i.unit === 'leaks--what-sets-the-peak' && i.judgements.every((j) => j.best === best))
        .length;
    expect([preferBoth('triage'), preferBoth('before')]).toEqual([8, 1]);
  });
});
