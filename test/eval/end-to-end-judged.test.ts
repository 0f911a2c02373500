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
 * `test/eval/end-to-end-judged.json`: whole answers to fresh real questions, rated by two judges
 * (docs/knowledge-audit.md). A record of a measurement: these checks keep it well-formed, apart
 * from the evaluation sets, and in step with the table the docs print from it.
 */
const recordSchema = z.object({
  $comment: z.string(),
  items: z.array(
    z.object({
      ...freshQuestionShape,
      answered: z.object({ ...answeredShape, related: z.array(z.string()) }),
      ratings: z
        .array(z.object({ rating: z.enum(RATINGS), better: z.string().nullable(), note: z.string() }))
        .length(2),
    }),
  ),
});

const record = recordSchema.parse(await readJson(new URL('./end-to-end-judged.json', import.meta.url)));

describe('test/eval/end-to-end-judged.json (fresh questions, whole answers judged)', () => {
  it('holds questions from threads no evaluation set uses, each once', async () => {
    const used = await usedSources();
    const sources = record.items.map((i) => i.source.replace(/\/$/, ''));
    expect(sources.filter((s) => used.has(s))).toEqual([]);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('matches the table docs/knowledge-audit.md prints from it', async () => {
    const page = await readFile(new URL('../../docs/knowledge-audit.md', import.meta.url), 'utf8');
    const count = (judge: 0 | 1 | 'both', rating: (typeof RATINGS)[number]) =>
      record.items.filter((i) =>
        judge === 'both' ? i.ratings.every((r) => r.rating === rating) : i.ratings[judge]?.rating === rating,
      ).length;
    expect(page).toContain(`| ${record.items.length} fresh questions | judge 1 | judge 2 | both |`);
    const labels = {
      helpful: 'helpful (',
      partly: 'partly (',
      'not-helpful': 'not helpful (',
      misleading: 'misleading (',
    };
    for (const rating of RATINGS) {
      const row = page.split('\n').find((line) => line.startsWith(`| ${labels[rating]}`));
      expect(row, rating).toBeDefined();
      expect(
        row
          ?.split('|')
          .slice(-4, -1)
          .map((cell) => Number(cell.trim())),
        rating,
      ).toEqual([count(0, rating), count(1, rating), count('both', rating)]);
    }
  });
});
