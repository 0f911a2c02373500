import { FacetDotsKernel } from './facet-dots.js';
import { facetTipId } from './index-artifacts.js';
import { PackedStrings, type PackedArray, type PackedSections } from './packed-tables.js';

/** The build's `index.json` (written by vectra's `LocalIndex`), as far as search reads it. */
export interface VectorIndexFile {
  readonly items: readonly {
    readonly id: string;
    readonly vector: readonly number[];
    /** The vector's Euclidean norm, stored by vectra; computed when absent. */
    readonly norm?: number;
  }[];
}

/** A tip's best facet for a query, and its cosine similarity. */
export interface FacetSimilarity {
  /** The facet id (see `tipFacets`): `tipId`, or `tipId#…`. */
  readonly id: string;
  readonly score: number;
}

export class VectorIndexFormatError extends Error {
  override readonly name = 'VectorIndexFormatError';
}

/**
 * The facet vectors of the built index, held in one typed matrix for brute-force cosine
 * similarity: with a few thousand facets, scoring all of them is well under a millisecond.
 *
 * The build writes `index.json` with vectra, and the cosines are the ones vectra's
 * `LocalIndex.queryItems` computes (same stored norms, same summation order), without what it
 * costs per query here: one promise and one item copy per facet, and, at start-up, vectra's
 * module graph (GPT tokenizers, an NLP model, an HTTP server), which is most of a Node server's
 * memory and a fifth of the Worker bundle. The build stores facet vectors as integers (see
 * `quantize`): they are then held as an Int8Array, eight times smaller than doubles and as exact.
 * The build also packs them (see `sections`), so the runtime reads the matrix in place instead of
 * parsing vectra's JSON (2 MB for a 1,000-unit knowledge).
 *
 * @example
 * const vectors = FacetVectors.fromIndexFile(JSON.parse(await readFile('build/index/index.json', 'utf8')));
 * vectors.similarities(queryVector); // [{ id: 'tip-id#2', score: 0.71 }, …]: each tip's best facet
 */
export class FacetVectors {
  private constructor(
    /** Facet ids (see `tipFacets`), in matrix order; only when read from vectra's file (the packed form has `ordinals`). */
    private readonly facetIds: PackedStrings | undefined,
    /** Facet i is facet `ordinals[i]` of `tipFacets` of its tip; only when packed. */
    private readonly facetOrdinals: Uint8Array | Uint16Array | undefined,
    private readonly dimensions: number,
    /** Row-major: facet i's vector is `matrix[i * dimensions … (i + 1) * dimensions)`. */
    private readonly matrix: Float64Array | Int8Array,
    private readonly norms: Float64Array,
    /** Facet i belongs to tip `tips[i]`: an index into the tip ids given to `fromIndexFile`, -1 for none of them. */
    readonly tips: Int32Array,
    private readonly tipCount: number,
  ) {}

  private scratch: Float64Array | undefined;
  /** The dot products in WebAssembly (see FacetDotsKernel), when the platform gave the module. */
  private kernel: FacetDotsKernel | undefined;

  /**
   * @param tipIds the tips scores are reported for, in order; by default every tip with a facet,
   *   in order of its first facet. A facet of another tip is left out.
   */
  static fromIndexFile(file: VectorIndexFile, tipIds?: readonly string[]): FacetVectors {
    const items = file.items;
    const dimensions = items[0]?.vector.length ?? 0;
    const integers = items.every((item) => item.vector.every((x) => Number.isInteger(x) && x >= -128 && x <= 127));
    const matrix = integers ? new Int8Array(items.length * dimensions) : new Float64Array(items.length * dimensions);
    const norms = new Float64Array(items.length);
    const tipIndex = new Map((tipIds ?? []).map((id, i) => [id, i]));
    const tips = new Int32Array(items.length);
    items.forEach((item, i) => {
      if (item.vector.length !== dimensions) {
        throw new VectorIndexFormatError(
          `Facet "${item.id}" has ${item.vector.length} dimensions, the first facet ${dimensions}: rebuild the index.`,
        );
      }
      matrix.set(item.vector, i * dimensions);
      norms[i] = item.norm ?? euclideanNorm(item.vector);
      const tip = facetTipId(item.id);
      if (!tipIds && !tipIndex.has(tip)) tipIndex.set(tip, tipIndex.size);
      tips[i] = tipIndex.get(tip) ?? -1;
    });
    return new FacetVectors(
      PackedStrings.from(items.map((item) => item.id)),
      undefined,
      dimensions,
      matrix,
      norms,
      tips,
      tipIds?.length ?? tipIndex.size,
    );
  }

  /**
   * The arrays the build packs into the index (see PackedSections). Facets are recorded by their
   * place among their tip's facets (`ordinalOf`, from `tipFacets`), not by id: the ids are the
   * knowledge's, which the runtime has anyway. Integer vectors' norms are recorded as the integer
   * sums of squares they are the roots of (what vectra computed them from), half the bytes.
   */
  sections(ordinalOf: (facetId: string) => number): Record<string, PackedArray> {
    const ids = this.ids;
    const ordinals = Array.from({ length: this.size }, (_, i) => {
      const ordinal = ordinalOf(ids.at(i));
      if (ordinal < 0)
        throw new VectorIndexFormatError(`Facet "${ids.at(i)}" is none of its tip's facets: rebuild the index.`);
      return ordinal;
    });
    return {
      'facets.shape': Uint32Array.of(this.dimensions, this.tipCount),
      'facets.ordinals': ordinals.every((o) => o <= 0xff) ? Uint8Array.from(ordinals) : Uint16Array.from(ordinals),
      'facets.matrix': this.matrix,
      ...this.normSections(),
      'facets.tips': this.tips,
    };
  }

  private normSections(): Record<string, PackedArray> {
    const { matrix, dimensions } = this;
    if (matrix instanceof Int8Array) {
      const squares = Uint32Array.from(this.norms, (_, i) => {
        let sum = 0;
        for (let j = i * dimensions; j < (i + 1) * dimensions; j++)
          sum += (matrix[j] as number) * (matrix[j] as number);
        return sum;
      });
      if (squares.every((sum, i) => Math.sqrt(sum) === this.norms[i])) return { 'facets.normSquares': squares };
    }
    return { 'facets.norms': this.norms };
  }

  /**
   * @param dotsModule the compiled `facet-dots.wasm` (see FacetDotsKernel): the same dot products,
   *   two and a half times faster; without it (or for vectors that are not integers) JavaScript's.
   */
  static fromSections(sections: PackedSections, dotsModule?: WebAssembly.Module): FacetVectors {
    const [dimensions = 0, tipCount = 0] = sections.get('facets.shape', Uint32Array);
    let norms: Float64Array;
    if (sections.has('facets.normSquares')) {
      const squares = sections.get('facets.normSquares', Uint32Array);
      norms = new Float64Array(squares.length);
      for (let i = 0; i < squares.length; i++) norms[i] = Math.sqrt(squares[i] as number);
    } else {
      norms = sections.get('facets.norms', Float64Array);
    }
    const vectors = new FacetVectors(
      undefined,
      sections.get('facets.ordinals', Uint8Array, Uint16Array),
      dimensions,
      sections.get('facets.matrix', Int8Array, Float64Array),
      norms,
      sections.get('facets.tips', Int32Array),
      tipCount,
    );
    if (dotsModule && vectors.matrix instanceof Int8Array && vectors.size > 0)
      vectors.kernel = FacetDotsKernel.create(dotsModule, vectors.matrix, vectors.size, dimensions);
    return vectors;
  }

  /** How many facets there are. */
  get size(): number {
    return this.tips.length;
  }

  /** Facet ids, in matrix order: only for vectors read from vectra's file. */
  get ids(): PackedStrings {
    if (!this.facetIds)
      throw new VectorIndexFormatError('Packed facet vectors carry no ids: use `ordinals` with tipFacets.');
    return this.facetIds;
  }

  /** Each facet's place among `tipFacets` of its tip (`tips[i]`): only for packed vectors. */
  get ordinals(): Uint8Array | Uint16Array {
    if (!this.facetOrdinals)
      throw new VectorIndexFormatError('Facet vectors read from vectra carry ids, not ordinals.');
    return this.facetOrdinals;
  }

  /**
   * Each tip's best facet for `query`, when its cosine is positive: all retrieval needs, since a
   * tip is scored by its best facet and a cosine of 0 or less adds nothing. A facet or a query
   * with no direction (a zero vector) matches nothing.
   */
  similarities(query: readonly number[]): FacetSimilarity[] {
    const bestScore = new Float64Array(this.tipCount);
    const bestFacet = new Int32Array(this.tipCount).fill(-1);
    this.bestByTip(query, this.tips, bestScore, bestFacet);
    const hits: FacetSimilarity[] = [];
    for (let t = 0; t < this.tipCount; t++) {
      const i = bestFacet[t] ?? -1;
      if (i >= 0) hits.push({ id: this.ids.at(i), score: bestScore[t] ?? 0 });
    }
    return hits;
  }

  /**
   * Writes each tip's best positive facet cosine into `best` (which starts at 0), and which facet
   * it is into `bestFacet` when given. `tipOf` maps each facet to an index of `best` (-1 leaves it
   * out): `tips` itself, or the retriever's own tips when `KNOWLEDGE_FILES` keeps only some.
   */
  bestByTip(query: readonly number[], tipOf: Int32Array, best: Float64Array, bestFacet?: Int32Array): void {
    const d = Math.min(this.dimensions, query.length);
    const queryNorm = euclideanNorm(query);
    if (queryNorm === 0) return;
    const q = Float64Array.from(query.slice(0, d));
    const dots = this.dots(q, d);
    const { norms } = this;
    for (let i = 0; i < this.size; i++) {
      const tip = tipOf[i] ?? -1;
      const norm = norms[i] ?? 0;
      if (tip < 0 || norm === 0) continue;
      const score = (dots[i] ?? 0) / (queryNorm * norm);
      if (score > (best[tip] ?? 0)) {
        best[tip] = score;
        if (bestFacet) bestFacet[tip] = i;
      }
    }
  }

  /**
   * The dot product of `q` with every facet: by the WebAssembly kernel when there is one, else
   * eight facets per pass over `q` (half the time of one at a time); either way each facet's
   * products are summed in dimension order, as vectra does, so both give the same numbers.
   */
  private dots(q: Float64Array, d: number): Float64Array {
    if (this.kernel) return this.kernel.dots(q, d);
    const { matrix, dimensions } = this;
    const count = this.size;
    // Reused: a search is synchronous from here to its last read of the dots.
    const out = (this.scratch ??= new Float64Array(count));
    const n = dimensions;
    let i = 0;
    for (; i + 7 < count; i += 8) {
      const r = i * n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      let a5 = 0;
      let a6 = 0;
      let a7 = 0;
      for (let j = 0; j < d; j++) {
        const x = q[j] as number;
        const p = r + j;
        a0 += x * (matrix[p] as number);
        a1 += x * (matrix[p + n] as number);
        a2 += x * (matrix[p + 2 * n] as number);
        a3 += x * (matrix[p + 3 * n] as number);
        a4 += x * (matrix[p + 4 * n] as number);
        a5 += x * (matrix[p + 5 * n] as number);
        a6 += x * (matrix[p + 6 * n] as number);
        a7 += x * (matrix[p + 7 * n] as number);
      }
      out[i] = a0;
      out[i + 1] = a1;
      out[i + 2] = a2;
      out[i + 3] = a3;
      out[i + 4] = a4;
      out[i + 5] = a5;
      out[i + 6] = a6;
      out[i + 7] = a7;
    }
    for (; i < count; i++) {
      const row = i * n;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (q[j] as number) * (matrix[row + j] as number);
      out[i] = dot;
    }
    return out;
  }
}

function euclideanNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  return Math.sqrt(sum);
}
