import type { QueryTerm } from './query-analyzer.js';
import type { WordVectors } from './word-vectors.js';

/** Word cosine that unrelated words reach anyway (GloVe after post-processing): it counts as 0. */
const SIMILARITY_FLOOR = 0.3;

/**
 * How much of a question a tip accounts for: each query word is matched to its closest word of
 * the tip (1 for the same word, else the cosine of their word vectors), and the matches are
 * averaged with the words' SIF weights, so rare words count most. A word no tip explains, like
 * "django" or "reverse", pulls every tip's coverage down: that is what tells "how do I reverse a
 * list" (not covered) from "tuple or list?" (covered) when both share the word "list".
 *
 * Word-to-word similarities are computed once per query word against the knowledge's few
 * hundred words, then looked up per tip.
 *
 * @example
 * const coverage = new TermCoverage(table, new Map([['tip-id', ['weak', 'reference']]]));
 * coverage.score(analysis.terms).get('tip-id'); // in [0, 1]
 */
export class TermCoverage {
  private readonly vocabulary: string[] = [];
  private readonly matrix: Float32Array;
  private readonly tipRows = new Map<string, Int32Array>();
  private readonly tipWords = new Map<string, ReadonlySet<string>>();
  private readonly cache = new Map<string, Float32Array>();

  /**
   * @param wordsByTip the words of each group (a tip, or one facet of a tip)
   * @param ownerOf the id a group's coverage is reported under: groups with the same owner report
   *   their best coverage, so a tip written as several facets is scored by its best facet, as each
   *   facet is a paragraph on its own (default: each group is its own owner)
   */
  constructor(
    private readonly table: WordVectors,
    wordsByTip: ReadonlyMap<string, Iterable<string>>,
    private readonly ownerOf: (group: string) => string = (group) => group,
  ) {
    const rowOf = new Map<string, number>();
    for (const [tipId, words] of wordsByTip) {
      const set = new Set(words);
      this.tipWords.set(tipId, set);
      for (const w of set) if (!rowOf.has(w) && table.has(w)) rowOf.set(w, rowOf.size);
    }
    this.vocabulary = [...rowOf.keys()];
    const d = table.dimensions;
    this.matrix = new Float32Array(this.vocabulary.length * d);
    this.vocabulary.forEach((w, i) => this.matrix.set(table.unitVector(w) ?? new Float32Array(d), i * d));
    for (const [tipId, set] of this.tipWords) {
      this.tipRows.set(tipId, Int32Array.from([...set].flatMap((w) => (rowOf.has(w) ? [rowOf.get(w) ?? 0] : []))));
    }
  }

  /** Coverage in [0, 1] per owner (tip id); empty when the query has no weighable word. */
  score(terms: readonly QueryTerm[]): Map<string, number> {
    const weighted = terms.map((term) => ({ term, weight: this.weightOf(term) })).filter((t) => t.weight > 0);
    const total = weighted.reduce((s, t) => s + t.weight, 0);
    const coverage = new Map<string, number>();
    if (total === 0) return coverage;
    for (const [group, rows] of this.tipRows) {
      const words = this.tipWords.get(group) ?? new Set<string>();
      let covered = 0;
      for (const { term, weight } of weighted) covered += weight * this.match(term, words, rows);
      const owner = this.ownerOf(group);
      coverage.set(owner, Math.max(coverage.get(owner) ?? 0, covered / total));
    }
    return coverage;
  }

  /** A known word's SIF weight; an unknown one (a rare word or a name) counts fully, unless it is a mere letter or two. */
  private weightOf(term: QueryTerm): number {
    if (this.table.has(term.word)) return this.table.weight(term.word);
    const known = term.alternatives.find((w) => this.table.has(w));
    if (known) return this.table.weight(known);
    return term.word.length >= 3 ? 1 : 0;
  }

  private match(term: QueryTerm, words: ReadonlySet<string>, rows: Int32Array): number {
    let best = 0;
    for (const candidate of [term.word, ...term.alternatives]) {
      if (words.has(candidate)) return 1;
      const sims = this.similarities(candidate);
      if (!sims) continue;
      for (const row of rows) best = Math.max(best, sims[row] ?? 0);
    }
    // Cosines under the floor are what unrelated words share; above it they rise to 1 for a synonym.
    return Math.max(0, (best - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR));
  }

  /** Cosine of `word` with every knowledge word, cached. */
  private similarities(word: string): Float32Array | undefined {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const v = this.table.unitVector(word);
    if (!v) return undefined;
    const d = this.table.dimensions;
    const sims = new Float32Array(this.vocabulary.length);
    for (let i = 0; i < sims.length; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (v[j] ?? 0) * (this.matrix[i * d + j] ?? 0);
      sims[i] = Math.max(0, dot);
    }
    if (this.cache.size >= 4096) this.cache.clear();
    this.cache.set(word, sims);
    return sims;
  }
}
