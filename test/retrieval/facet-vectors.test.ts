import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalIndex } from 'vectra';
import { describe, expect, it } from 'vitest';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import { FacetVectors, VectorIndexFormatError, type VectorIndexFile } from '../../src/retrieval/facet-vectors.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR } from '../helpers/built-index.js';

const file = JSON.parse(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.vectors), 'utf8')) as VectorIndexFile;
const vectors = FacetVectors.fromIndexFile(file);
// The embedder the built index was made with.
const embedder = createDefaultEmbedder(WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors))));

describe('FacetVectors', () => {
  it('holds every facet of the built index', () => {
    expect(vectors.size).toBe(file.items.length);
    expect(vectors.size).toBeGreaterThan(16);
  });

  it("scores exactly as vectra's LocalIndex.queryItems does, for queries of the eval kind", async () => {
    // vectra wrote the file at build time; its own query is the reference these scores must equal.
    const reference = new LocalIndex(BUILT_INDEX_DIR, INDEX_FILES.vectors);
    for (const query of ['how do I build a big string efficiently?', 'pyhton garbige colector', 'weakref.ref(obj)', 'how do I center a div']) {
      const [vector = []] = await embedder.embed([query]);
      const expected = new Map((await reference.queryItems(vector, '', file.items.length)).map((hit) => [hit.item.id, hit.score]));
      const actual = vectors.similarities(vector);
      expect(actual).toHaveLength(expected.size);
      for (const { id, score } of actual) expect(Object.is(score, expected.get(id))).toBe(true);
    }
  });

  it('gives NaN, not a number, for a zero query or a zero facet', () => {
    const tiny = FacetVectors.fromIndexFile({
      items: [
        { id: 'a', vector: [1, 0] },
        { id: 'zero', vector: [0, 0] },
      ],
    });
    expect(tiny.similarities([0, 0]).every((s) => Number.isNaN(s.score))).toBe(true);
    const [a, zero] = tiny.similarities([2, 0]);
    expect(a).toEqual({ id: 'a', score: 1 });
    expect(zero?.score).toBeNaN();
  });

  it('computes a missing norm, and refuses facets of different lengths', () => {
    const withoutNorm = FacetVectors.fromIndexFile({ items: [{ id: 'a', vector: [3, 4] }] });
    expect(withoutNorm.similarities([4, 3])[0]?.score).toBeCloseTo(24 / 25, 12);
    expect(() => FacetVectors.fromIndexFile({ items: [{ id: 'a', vector: [1, 0] }, { id: 'b', vector: [1, 0, 0] }] })).toThrow(VectorIndexFormatError);
  });

  it('is empty for an empty index', () => {
    expect(FacetVectors.fromIndexFile({ items: [] }).similarities([1, 2])).toEqual([]);
  });
});
