import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ANSWER_RATINGS as RATINGS,
  answeredShape,
  freshQuestionShape,
  readJson,
  usedSources,
} from '../helpers/judged-records.js';

/**
 * `test/eval/answers-compared.json`: whole answers to fresh real questions from two versions of
 * the service, compared blind by two judges (docs/answers.md). A record of a measurement: these
 * checks keep it well-formed, apart from every other set of questions, and in step with the table
 * the docs print from it.
 */
const answered = z.object({ ...answeredShape, quoted: z.array(z.array(z.string())) });
const recordSchema = z.object({
  $comment: z.string(),
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

const record = recordSchema.parse(await readJson(new URL('./answers-compared.json', import.meta.url)));
const differing = record.items.filter((i) => !i.identical);

describe('test/eval/answers-compared.json (fresh questions, two versions compared blind)', () => {
  it('holds questions from threads no other set uses, each once', async () => {
    const used = await usedSources([new URL('./end-to-end-judged.json', import.meta.url)]);
    const sources = record.items.map((i) => i.source.replace(/\/$/, ''));
    expect(sources.filter((s) => used.has(s))).toEqual([]);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('rates an answer both versions gave alike the same, with no preference', () => {
    for (const item of record.items.filter((i) => i.identical)) {
      expect(item.before, item.source).toEqual(item.after);
      for (const r of item.ratings) expect([r.before, r.prefer], item.source).toEqual([r.after, 'same']);
    }
  });

  it('matches the table docs/answers.md prints from it', async () => {
    const page = await readFile(new URL('../../docs/answers.md', import.meta.url), 'utf8');
    const row = (label: string) =>
      page
        .split('\n')
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
    expect(page).toContain(
      `| ${record.items.length} fresh questions (${differing.length} answers differ) | judge 1 | judge 2 | both |`,
    );
    const judges = [0, 1, 'both'] as const;
    expect(row('prefer the answer after')).toEqual(judges.map((j) => prefer(j, 'after')));
    expect(row('prefer the answer before')).toEqual(judges.map((j) => prefer(j, 'before')));
    expect(row('no real difference')).toEqual(judges.map((j) => prefer(j, 'same')));
    expect(row('answers rated helpful, before → after')).toEqual(
      judges.map((j) => `${helpful(j, 'before')} → ${helpful(j, 'after')}`),
    );
  });
});
