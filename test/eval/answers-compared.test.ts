import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REAL_QUESTIONS_SET, REAL_TUNING_SET } from '../../scripts/lib/eval/real-questions.js';
import {
  ANSWER_RATINGS as RATINGS,
  answeredShape,
  freshQuestionShape,
  readJson,
  usedSources,
} from '../helpers/judged-records.js';

/**
 * `test/eval/answers-compared.json`, `-2.json` to `-14.json`: whole answers to fresh real
 * questions from two versions of the service, compared blind by two judges (docs/answers.md). Records
 * of measurements: these checks keep each well-formed, apart from every other set of questions and
 * from the records before it, and in step with the table the docs print from it.
 */
const answered = z.object({ ...answeredShape, quoted: z.array(z.array(z.string())) });

/** A real-question set's questions, as written (their `source` and `round`). */
const realQuestions = async (path: URL) =>
  ((await readJson(path)) as { questions: { source: string; round?: number }[] }).questions;
const recordSchema = z.object({
  $comment: z.string(),
  /** The questions are this round of the real questions (holdout and tuning-only), judged end to end too. */
  realRound: z.number().int().min(1).optional(),
  items: z.array(
    z.object({
      ...freshQuestionShape,
      identical: z.boolean(),
      before: answered,
      after: answered,
      ratings: z
        .array(
          z.object({
            before: z.enum(RATINGS),
            after: z.enum(RATINGS),
            prefer: z.enum(['before', 'after', 'same']),
            better: z.string().nullable(),
            note: z.string(),
          }),
        )
        .length(2),
    }),
  ),
});

/**
 * The records, oldest first, each with the threads it must not share: every other set, and every
 * record before it.
 */
const RECORDS = [
  'answers-compared.json',
  'answers-compared-2.json',
  'answers-compared-3.json',
  'answers-compared-4.json',
  'answers-compared-5.json',
  'answers-compared-6.json',
  'answers-compared-7.json',
  'answers-compared-8.json',
  'answers-compared-9.json',
  'answers-compared-10.json',
  'answers-compared-11.json',
  'answers-compared-12.json',
  'answers-compared-13.json',
  'answers-compared-14.json',
] as const;

const records = await Promise.all(
  RECORDS.map(async (name, i) => ({
    name,
    earlier: RECORDS.slice(0, i),
    record: recordSchema.parse(await readJson(new URL(`./${name}`, import.meta.url))),
  })),
);

describe.each(records)(
  'test/eval/$name (fresh questions, two versions compared blind)',
  ({ name, earlier, record }) => {
    const differing = record.items.filter((i) => !i.identical);

    it('holds questions from threads no other set uses, each once', async () => {
      const used = await usedSources([
        new URL('./end-to-end-judged.json', import.meta.url),
        ...earlier.map((file) => new URL(`./${file}`, import.meta.url)),
      ]);
      const sources = record.items.map((i) => i.source.replace(/\/$/, ''));
      // A record of a real round's answers shares that round's threads, and only those.
      const round = new Set(
        record.realRound === undefined
          ? []
          : [...(await realQuestions(REAL_QUESTIONS_SET)), ...(await realQuestions(REAL_TUNING_SET))]
              .filter((q) => q.round === record.realRound)
              .map((q) => q.source.replace(/\/$/, '')),
      );
      if (record.realRound !== undefined) expect(round.size, name).toBeGreaterThan(0);
      expect(sources.filter((s) => used.has(s) && !round.has(s))).toEqual([]);
      expect(new Set(sources).size).toBe(sources.length);
    });

    it('rates an answer both versions gave alike the same, with no preference', () => {
      for (const item of record.items.filter((i) => i.identical)) {
        expect(item.before, item.source).toEqual(item.after);
        for (const r of item.ratings) expect([r.before, r.prefer], item.source).toEqual([r.after, 'same']);
      }
    });

    it('matches the table docs/answers.md prints from it', async () => {
      const page = (await readFile(new URL('../../docs/answers.md', import.meta.url), 'utf8')).split('\n');
      const header = `| ${record.items.length} fresh questions (${differing.length} answers differ) | judge 1 | judge 2 | both |`;
      // The first table with that header after the page first names this record (two rounds may share a header).
      const named = page.findIndex((line) => line.includes(`${name})`) || line.includes(`${name}\``));
      const at = page.indexOf(header, Math.max(0, named));
      expect(at, header).toBeGreaterThanOrEqual(0);
      // The rows of this record's table: from its header to the first line that is not a row.
      const end = page.findIndex((line, i) => i > at && !line.startsWith('|'));
      const table = page.slice(at, end < 0 ? undefined : end);
      const row = (label: string) =>
        table
          .find((line) => line.startsWith(`| ${label}`))
          ?.split('|')
          .slice(-4, -1)
          .map((cell) => cell.trim());
      const prefer = (judge: 0 | 1 | 'both', side: 'before' | 'after' | 'same') =>
        String(
          differing.filter((i) =>
            judge === 'both' ? i.ratings.every((r) => r.prefer === side) : i.ratings[judge]?.prefer === side,
          ).length,
        );
      const helpful = (judge: 0 | 1 | 'both', side: 'before' | 'after') =>
        record.items.filter((i) =>
          judge === 'both' ? i.ratings.every((r) => r[side] === 'helpful') : i.ratings[judge]?.[side] === 'helpful',
        ).length;
      const judges = [0, 1, 'both'] as const;
      expect(row('prefer the answer after')).toEqual(judges.map((j) => prefer(j, 'after')));
      expect(row('prefer the answer before')).toEqual(judges.map((j) => prefer(j, 'before')));
      expect(row('no real difference')).toEqual(judges.map((j) => prefer(j, 'same')));
      expect(row('answers rated helpful, before → after')).toEqual(
        judges.map((j) => `${helpful(j, 'before')} → ${helpful(j, 'after')}`),
      );
    });
  },
);
