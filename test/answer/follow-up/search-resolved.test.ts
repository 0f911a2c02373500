import { describe, expect, it } from 'vitest';
import { FOCUS_WEIGHTS } from '../../../src/answer/follow-up/resolve-follow-up.js';
import { scoreResolved, searchResolved } from '../../../src/answer/follow-up/search-question.js';
import { builtIndex } from '../../helpers/built-index.js';

// `searchResolved` ranks a follow-up without building every tip's result; `scoreResolved` (what the
// eval reads) builds them all. Both must give the same tips, in the same order, with the same scores.

const index = await builtIndex();

/** The `k` best of every tip scored, as `searchResolved` must rank them: above 0, best first, then by id. */
function kBest(all: Awaited<ReturnType<typeof scoreResolved>>, k: number) {
  return all
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.tip.id.localeCompare(b.tip.id))
    .slice(0, k);
}

describe('searchResolved', () => {
  const { continuation, anaphoric } = FOCUS_WEIGHTS;
  // As resolveFollowUp writes them: the follow-up, then the question it follows.
  const cases = [
    {
      query: 'what about dicts?\nare tuples smaller than lists?',
      focus: { text: 'what about dicts?', weight: continuation },
    },
    {
      query: 'how do I find it then?\nwhy does my cache leak?',
      focus: { text: 'how do I find it then?', weight: anaphoric },
    },
    {
      query: 'what about callbacks?\nhow do weak references help?',
      focus: { text: 'what about callbacks?', weight: continuation },
    },
    // Own words that point nowhere: the search with the topic is ranked as it is.
    { query: 'and then?\nhow does reference counting work?', focus: { text: 'and then?', weight: continuation } },
  ];

  it.each(cases)('ranks "$focus.text" as the scores of every tip do', async (resolved) => {
    const all = await scoreResolved(index.retriever, resolved);
    for (const k of [1, 3, 10]) {
      const found = await searchResolved(index.retriever, resolved, k);
      expect(found.map((s) => [s.tip.id, s.score])).toEqual(kBest(all, k).map((s) => [s.tip.id, s.score]));
      expect(found).toEqual(kBest(all, k));
    }
  });

  it('leans toward the own words: "what about dicts?" after tuples puts the dictionary tip first', async () => {
    const [first] = await searchResolved(index.retriever, cases[0] as (typeof cases)[0], 3);
    expect(first?.tip.id).toBe('use-built-in-data-structures-wisely--list-and-dictionary-sizes');
  });
});
