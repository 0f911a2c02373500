import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFacetDots, FACET_DOTS_BINARY } from '../../scripts/lib/facet-dots-kernel.js';
import { facetDotsModule } from '../../src/platform/node/load-index.js';
import { FacetDotsKernel } from '../../src/retrieval/facet-dots.js';
import { FacetVectors, type VectorIndexFile } from '../../src/retrieval/facet-vectors.js';
import { facetTipId } from '../../src/retrieval/index-artifacts.js';
import { packSections, PackedSections } from '../../src/retrieval/packed-tables.js';
import { builtIndexEmbedder, builtVectorFile, vectraScores } from '../helpers/built-vectors.js';

const module = facetDotsModule();

/** The packed form of `file` (as `retrieval.bin` holds it), read back with or without the kernel. */
function packed(file: VectorIndexFile, ordinalOf: (id: string) => number, kernel?: WebAssembly.Module): FacetVectors {
  const sections = PackedSections.read(packSections(FacetVectors.fromIndexFile(file).sections(ordinalOf)));
  return FacetVectors.fromSections(sections, kernel);
}

/** Each facet's cosine with `query` (the facets as tips of their own), and which facet won each tip. */
function scores(vectors: FacetVectors, query: readonly number[], tips: number): [Float64Array, Int32Array] {
  const best = new Float64Array(tips);
  const facet = new Int32Array(tips).fill(-1);
  vectors.bestByTip(query, vectors.tips, best, facet);
  return [best, facet];
}

describe('facet-dots.wasm (the facet similarities in WebAssembly)', () => {
  it('is what facet-dots.wat compiles to: `npm run build:kernel` after editing the text', async () => {
    const committed = new Uint8Array(await readFile(FACET_DOTS_BINARY));
    expect(Buffer.from(committed).equals(Buffer.from(await compileFacetDots()))).toBe(true);
  });

  it('gives bit for bit the dot products of the JavaScript loop, for any facets, query and length', () => {
    const int8 = fc.integer({ min: -128, max: 127 });
    const shape = fc.record({ count: fc.integer({ min: 1, max: 30 }), dimensions: fc.integer({ min: 1, max: 40 }) });
    const cases = shape.chain(({ count, dimensions }) =>
      fc.record({
        rows: fc.array(fc.array(int8, { minLength: dimensions, maxLength: dimensions }), {
          minLength: count,
          maxLength: count,
        }),
        query: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: dimensions + 3 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ rows, query }) => {
        // One facet per tip, so every positive cosine is reported; the negated query shows the others.
        const file = { items: rows.map((vector, i) => ({ id: `t${i}`, vector })) };
        const inJs = packed(file, () => 0);
        const inWasm = packed(file, () => 0, module);
        for (const q of [query, query.map((x) => -x)]) {
          const [jsBest, jsFacet] = scores(inJs, q, rows.length);
          const [wasmBest, wasmFacet] = scores(inWasm, q, rows.length);
          expect(Array.from(wasmBest, (x, i) => Object.is(x, jsBest[i]))).not.toContain(false);
          expect(Array.from(wasmFacet)).toEqual(Array.from(jsFacet));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("scores the built index as vectra's LocalIndex.queryItems does, facet for facet", async () => {
    const file = await builtVectorFile();
    const embedder = await builtIndexEmbedder();
    const ids = file.items.map((item) => item.id);
    const tipIds = [...new Set(ids.map(facetTipId))];
    // Ordinals in file order within each tip: enough to read the facet back by its place.
    const seen = new Map<string, number>();
    const ordinal = new Map(
      ids.map((id) => {
        const tip = facetTipId(id);
        const n = seen.get(tip) ?? 0;
        seen.set(tip, n + 1);
        return [id, n];
      }),
    );
    const vectors = packed(file, (id) => ordinal.get(id) ?? -1, module);
    for (const query of [
      'how do I build a big string efficiently?',
      'why is a tuple smaller than a list',
      'weakref.ref(obj)',
    ]) {
      const [vector = []] = await embedder.embed([query]);
      const expected = await vectraScores(vector, file.items.length);
      const [best, facet] = scores(vectors, vector, tipIds.length);
      let compared = 0;
      for (let t = 0; t < tipIds.length; t++) {
        const i = facet[t] ?? -1;
        if (i < 0) continue;
        expect(Object.is(best[t], expected.get(ids[i] ?? ''))).toBe(true);
        compared++;
      }
      expect(compared).toBeGreaterThan(16);
    }
  });

  it('refuses a module that is not the kernel', () => {
    const empty = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    expect(() => FacetDotsKernel.create(empty, new Int8Array(4), 2, 2)).toThrow(/not the facet-dots kernel/);
  });
});
