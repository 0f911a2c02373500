import { describe, expect, it } from 'vitest';
import { FacetVectors, VectorIndexFormatError } from '../../src/retrieval/facet-vectors.js';
import { facetTipId } from '../../src/retrieval/index-artifacts.js';
import { builtIndexEmbedder, builtVectorFile, vectraScores } from '../helpers/built-vectors.js';

const file = await builtVectorFile();
const vectors = FacetVectors.fromIndexFile(file);
const embedder = await builtIndexEmbedder();

describe('FacetVectors', () => {
  it('holds every facet of the built index', () => {
    expect(vectors.size).toBe(file.items.length);
    expect(vectors.size).toBeGreaterThan(16);
  });

  it("scores exactly as vectra's LocalIndex.queryItems does, for queries of the eval kind", async () => {
    for (const query of [
      'how do I build a big string efficiently?',
      'pyhton garbige colector',
      'weakref.ref(obj)',
      'how do I center a div',
    ]) {
      const [vector = []] = await embedder.embed([query]);
      const expected = await vectraScores(vector, file.items.length);
      // Each tip's best facet with a positive cosine: the same facet and the same score as vectra's.
      const bestOfTip = new Map<string, number>();
      for (const [id, score] of expected) {
        const tip = facetTipId(id);
        if (score > 0 && score > (bestOfTip.get(tip) ?? 0)) bestOfTip.set(tip, score);
      }
      const actual = vectors.similarities(vector);
      expect(actual).toHaveLength(bestOfTip.size);
      for (const { id, score } of actual) {
        expect(Object.is(score, expected.get(id))).toBe(true);
        expect(score).toBe(bestOfTip.get(facetTipId(id)));
      }
    }
  });

  it('matches nothing with a zero query or a zero facet, and keeps each tip’s best positive facet', () => {
    const tiny = FacetVectors.fromIndexFile({
      items: [
        { id: 'a', vector: [1, 0] },
        { id: 'a#0', vector: [1, 1] },
        { id: 'zero', vector: [0, 0] },
        { id: 'opposite', vector: [-1, 0] },
      ],
    });
    expect(tiny.similarities([0, 0])).toEqual([]);
    expect(tiny.similarities([2, 0])).toEqual([{ id: 'a', score: 1 }]);
    expect(tiny.similarities([0, 3])).toEqual(
      [{ id: 'a#0', score: Math.SQRT1_2 * (3 / 3) }].map((h) => ({ ...h, score: 3 / (3 * Math.SQRT2) })),
    );
  });

  it('holds integer vectors (the build quantizes them) as bytes, with the same scores', () => {
    const floats = FacetVectors.fromIndexFile({ items: [{ id: 'a', vector: [0.5, -0.25] }] });
    const ints = FacetVectors.fromIndexFile({ items: [{ id: 'a', vector: [127, -64] }] });
    expect(ints.similarities([1, 1])[0]?.score).toBeCloseTo(floats.similarities([1, 1])[0]?.score ?? 0, 2);
  });

  it('computes a missing norm, and refuses facets of different lengths', () => {
    const withoutNorm = FacetVectors.fromIndexFile({ items: [{ id: 'a', vector: [3, 4] }] });
    expect(withoutNorm.similarities([4, 3])[0]?.score).toBeCloseTo(24 / 25, 12);
    expect(() =>
      FacetVectors.fromIndexFile({
        items: [
          { id: 'a', vector: [1, 0] },
          { id: 'b', vector: [1, 0, 0] },
        ],
      }),
    ).toThrow(VectorIndexFormatError);
  });

  it('is empty for an empty index', () => {
    expect(FacetVectors.fromIndexFile({ items: [] }).similarities([1, 2])).toEqual([]);
  });
});
