/** The build's `index.json` (written by vectra's `LocalIndex`), as far as search reads it. */
export interface VectorIndexFile {
  readonly items: readonly {
    readonly id: string;
    readonly vector: readonly number[];
    /** The vector's Euclidean norm, stored by vectra; computed when absent. */
    readonly norm?: number;
  }[];
}

/** One facet's cosine similarity with a query. */
export interface FacetSimilarity {
  /** The facet id (see `tipFacets`). */
  readonly id: string;
  /** NaN when the facet or the query has no direction (a zero vector). */
  readonly score: number;
}

export class VectorIndexFormatError extends Error {
  override readonly name = 'VectorIndexFormatError';
}

/**
 * The facet vectors of the built index, held in one Float64Array for brute-force cosine
 * similarity: with a few hundred facets, scoring all of them is a few microseconds.
 *
 * The build writes `index.json` with vectra, and these scores are the ones vectra's
 * `LocalIndex.queryItems` computes (same stored norms, same summation order), without what it
 * costs per query here: one promise and one item copy per facet, and, at start-up, vectra's
 * module graph (GPT tokenizers, an NLP model, an HTTP server), which is most of a Node server's
 * memory and a fifth of the Worker bundle.
 *
 * @example
 * const vectors = FacetVectors.fromIndexFile(JSON.parse(await readFile('build/index/index.json', 'utf8')));
 * vectors.similarities(queryVector); // [{ id: 'tip-id', score: 0.71 }, { id: 'tip-id#0', score: 0.64 }, …]
 */
export class FacetVectors {
  private constructor(
    private readonly ids: readonly string[],
    private readonly dimensions: number,
    /** Row-major: facet i's vector is `matrix[i * dimensions … (i + 1) * dimensions)`. */
    private readonly matrix: Float64Array,
    private readonly norms: Float64Array,
  ) {}

  static fromIndexFile(file: VectorIndexFile): FacetVectors {
    const items = file.items;
    const dimensions = items[0]?.vector.length ?? 0;
    const matrix = new Float64Array(items.length * dimensions);
    const norms = new Float64Array(items.length);
    items.forEach((item, i) => {
      if (item.vector.length !== dimensions) {
        throw new VectorIndexFormatError(`Facet "${item.id}" has ${item.vector.length} dimensions, the first facet ${dimensions}: rebuild the index.`);
      }
      matrix.set(item.vector, i * dimensions);
      norms[i] = item.norm ?? euclideanNorm(item.vector);
    });
    return new FacetVectors(
      items.map((item) => item.id),
      dimensions,
      matrix,
      norms,
    );
  }

  /** How many facets there are. */
  get size(): number {
    return this.ids.length;
  }

  /** The cosine similarity of `query` with every facet, in index order. */
  similarities(query: readonly number[]): FacetSimilarity[] {
    const d = Math.min(this.dimensions, query.length);
    const queryNorm = euclideanNorm(query);
    const { matrix, norms } = this;
    return this.ids.map((id, i) => {
      const norm = norms[i] ?? 0;
      if (queryNorm === 0 || norm === 0) return { id, score: Number.NaN };
      let dot = 0;
      const row = i * this.dimensions;
      for (let j = 0; j < d; j++) dot += (query[j] ?? 0) * (matrix[row + j] ?? 0);
      return { id, score: dot / (queryNorm * norm) };
    });
  }
}

function euclideanNorm(vector: readonly number[]): number {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return Math.sqrt(sum);
}
