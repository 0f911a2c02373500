import { describe, expect, it } from 'vitest';
import { keepSubjectFirst, SUBJECT_MARGIN } from '../../../src/answer/follow-up/search-question.js';
import type { Tip } from '../../../src/knowledge/types.js';
import type { ScoredTip } from '../../../src/retrieval/hybrid-retriever.js';

const scored = (id: string, score: number) => ({ tip: { id } as Tip, score }) as ScoredTip;
const ids = (list: readonly ScoredTip[]) => list.map((s) => `${s.tip.id}:${s.score}`);

describe('keepSubjectFirst', () => {
  const ranked = [scored('profiling', 0.62), scored('memray', 0.55), scored('gc', 0.4)];

  it('moves the previous answer’s unit first, at the best score, when it is within the margin', () => {
    expect(ids(keepSubjectFirst(ranked, 'memray'))).toEqual(['memray:0.62', 'profiling:0.62', 'gc:0.4']);
  });

  it('leaves the ranking when the unit is further below than the margin', () => {
    expect(ids(keepSubjectFirst(ranked, 'gc'))).toEqual(ids(ranked));
    expect(0.62 - 0.4).toBeGreaterThan(SUBJECT_MARGIN);
  });

  it('leaves the ranking when the unit is already first, not retrieved, or nothing was', () => {
    expect(ids(keepSubjectFirst(ranked, 'profiling'))).toEqual(ids(ranked));
    expect(ids(keepSubjectFirst(ranked, 'slots'))).toEqual(ids(ranked));
    expect(keepSubjectFirst([], 'memray')).toEqual([]);
  });

  it('honours a margin given to it', () => {
    expect(ids(keepSubjectFirst(ranked, 'memray', 0.05))).toEqual(ids(ranked));
    expect(ids(keepSubjectFirst(ranked, 'gc', 0.25))[0]).toBe('gc:0.62');
  });
});
