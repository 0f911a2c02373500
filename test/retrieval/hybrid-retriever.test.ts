import { describe, expect, it } from 'vitest';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const top = async (query: string) => (await index.retriever.search(query, 3))[0];

describe('HybridRetriever over the built index', () => {
  it.each(index.knowledge.tips.map((t) => [t.title, t.id]))('finds "%s" first by its own title', async (title, id) => {
    expect((await top(title))?.tip.id).toBe(id);
  });

  it.each([
    ['gc.collect()', 'monitor-and-profile-memory-usage--garbage-collector-module'],
    ['gc.get_count', 'monitor-and-profile-memory-usage--garbage-collector-module'],
    ['sys.intern', 'optimize-string-usage--interning-strings'],
    ['weakref.ref(obj)', 'avoid-memory-leaks--weak-references'],
    ['tracemalloc', 'monitor-and-profile-memory-usage--memory-profiling-tools'],
    ["''.join(strings)", 'optimize-string-usage--string-concatenation'],
    ['yield', 'optimize-code-for-memory-efficiency--use-generators-and-iterators'],
    ["with open('big.txt') as f:\n    for line in f:\n        process(line)", 'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations'],
  ])('maps the identifier or code %j to its tip', async (query, id) => {
    expect((await top(query))?.tip.id).toBe(id);
  });

  it('returns at most k results, best first, with scores in [0, 1]', async () => {
    const results = await index.retriever.search('memory', 5);
    expect(results.length).toBeLessThanOrEqual(5);
    const scores = results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('scores unrelated text low', async () => {
    const best = await top('how do I center a div in CSS');
    expect(best?.score ?? 0).toBeLessThan(0.1);
  });
});
