import type { Embedder } from './embedder.js';
import { plainWords } from './tokenize.js';
import { fnv1a, type WordVectors } from './word-vectors.js';

export interface SifEmbedderOptions {
  /** Words left out of every sentence vector (see DOMAIN_STOPWORDS). */
  readonly ignoredWords?: ReadonlySet<string>;
}

/**
 * Sentence vectors as smooth-inverse-frequency (SIF) weighted averages of word vectors (Arora,
 * Liang & Ma, 2017): frequent words ("how", "the") weigh little, rare topical ones ("tuple",
 * "garbage") a lot. The weights are folded into the table at build time (see
 * scripts/lib/word-vectors/), so embedding is a lookup and a sum: well under a millisecond.
 *
 * @example
 * const embedder = new SifEmbedder(WordVectors.decode(bytes));
 * const [v] = await embedder.embed(['how to point at an object without keeping it alive']);
 */
export class SifEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  private readonly ignored: ReadonlySet<string>;

  constructor(
    private readonly table: WordVectors,
    options: SifEmbedderOptions = {},
  ) {
    this.ignored = options.ignoredWords ?? new Set();
    this.dimensions = table.dimensions;
    const ignoredHash = fnv1a(new TextEncoder().encode([...this.ignored].sort().join(' ')))
      .toString(16)
      .padStart(8, '0');
    this.id = `glove-sif-v1-${table.dimensions}d-${table.size}w-${table.checksum}-${ignoredHash}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => this.embedOne(text));
  }

  /** The unit-length vector of a text; all zeros when no word is known. */
  embedOne(text: string): number[] {
    const sum = new Float64Array(this.dimensions);
    for (const word of plainWords(text)) if (!this.ignored.has(word)) this.table.addTo(sum, word);
    let norm = 0;
    for (const x of sum) norm += x * x;
    norm = Math.sqrt(norm);
    return Array.from(sum, (x) => (norm ? Math.round((x / norm) * 1e6) / 1e6 : 0));
  }
}
