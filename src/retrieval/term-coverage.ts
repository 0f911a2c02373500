import type { QueryTerm } from './query-analyzer.js';
import type { WordVectors } from './word-vectors.js';

/** One group's (tip's or topic's) coverage of a query and its per-word matches. */
export interface GroupCoverage {
  readonly coverage: number;
  /** How well the group accounts for each weighable query word, in the order of `CoverageDetail.words`. */
  readonly matches: Float32Array;
}

/** The weighable words of a query, their weights, and every group's coverage of them. */
export interface CoverageDetail {
  readonly words: readonly string[];
  readonly weights: Float32Array;
  readonly groups: ReadonlyMap<string, GroupCoverage>;
}

/** Word cosine that unrelated words reach anyway (GloVe after post-processing): it counts as 0. */
const SIMILARITY_FLOOR = 0.3;
/** Bytes of per-word match arrays kept (least recently used first out): a few MB whatever the knowledge. */
const MATCH_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * How much of a question a tip accounts for: each query word is matched to its closest word of
 * the tip (1 for the same word, else the cosine of their word vectors), and the matches are
 * averaged with the words' SIF weights, so rare words count most. A word no tip explains, like
 * "django" or "reverse", pulls every tip's coverage down: that is what tells "how do I reverse a
 * list" (not covered) from "tuple or list?" (covered) when both share the word "list".
 *
 * Scaled for an operator-sized knowledge: a query word's match with every group (its best cosine
 * with the group's words, 1 for the word itself) is computed once, through a word → groups index
 * and only for the knowledge words above the floor, and cached, so a query costs about the
 * groups' count per word. Numbers match only exactly: their vectors are all alike ("1024" is
 * close to "2019"), which says nothing about the topic.
 *
 * @example
 * const coverage = new TermCoverage(table, new Map([['tip-id', ['weak', 'reference']]]));
 * coverage.score(analysis.terms).get('tip-id'); // in [0, 1]
 */
export class TermCoverage {
  private readonly vocabulary: string[];
  private readonly matrix: Float32Array;
  /** Group ids in index order, and the owner each reports its coverage under. */
  private readonly groups: string[];
  private readonly owners: string[];
  /** Every word of the groups (with or without a vector) → the groups that have it. */
  private readonly exact = new Map<string, Int32Array>();
  /** Vocabulary row → the groups that have that word. */
  private readonly rowGroups: Int32Array[];
  /** Word → its best cosine with each group (1 where the group has the word), see `matches`. */
  private readonly cache = new Map<string, Float32Array>();
  private readonly cacheSize: number;

  /**
   * @param wordsByTip the words of each group (a tip, or one passage of a tip)
   * @param ownerOf the id a group's coverage is reported under: groups with the same owner report
   *   their best coverage, so a tip written as several passages is scored by its best one
   *   (default: each group is its own owner)
   */
  constructor(
    private readonly table: WordVectors,
    wordsByTip: ReadonlyMap<string, Iterable<string>>,
    ownerOf: (group: string) => string = (group) => group,
  ) {
    this.groups = [...wordsByTip.keys()];
    this.owners = this.groups.map(ownerOf);
    const groupsOf = new Map<string, number[]>();
    this.groups.forEach((group, g) => {
      for (const word of new Set(wordsByTip.get(group))) {
        const list = groupsOf.get(word);
        if (list) list.push(g);
        else groupsOf.set(word, [g]);
      }
    });
    for (const [word, list] of groupsOf) this.exact.set(word, Int32Array.from(list));
    this.vocabulary = [...groupsOf.keys()].filter((w) => table.has(w));
    this.rowGroups = this.vocabulary.map((w) => this.exact.get(w) ?? new Int32Array(0));
    const d = table.dimensions;
    this.matrix = new Float32Array(this.vocabulary.length * d);
    this.vocabulary.forEach((w, i) => this.matrix.set(table.unitVector(w) ?? new Float32Array(d), i * d));
    this.cacheSize = Math.max(64, Math.floor(MATCH_CACHE_BYTES / (4 * Math.max(1, this.groups.length))));
  }

  /** Coverage in [0, 1] per owner (tip id); empty when the query has no weighable word. */
  score(terms: readonly QueryTerm[]): Map<string, number> {
    const coverage = new Map<string, number>();
    for (const [id, group] of this.detail(terms).groups) coverage.set(id, group.coverage);
    return coverage;
  }

  /**
   * Coverage per tip id with what it is made of: each weighable query word's weight, and per tip
   * how well it accounts for each of those words (in [0, 1]). Citations use it to tell a tip that
   * explains other words of the question from one that explains the same words again.
   */
  detail(terms: readonly QueryTerm[]): CoverageDetail {
    const weighted = terms.map((term) => ({ term, weight: this.weightOf(term) })).filter((t) => t.weight > 0);
    const total = weighted.reduce((s, t) => s + t.weight, 0);
    const groups = new Map<string, GroupCoverage>();
    const weights = Float32Array.from(weighted, (t) => t.weight);
    if (total === 0) return { words: [], weights, groups };
    const count = this.groups.length;
    // matches[word * count + group]: how well the group accounts for that query word, in [0, 1].
    const matches = new Float32Array(weighted.length * count);
    const covered = new Float64Array(count);
    weighted.forEach(({ term, weight }, i) => {
      const candidates = [term.word, ...term.alternatives].map((w) => this.matches(w));
      for (let g = 0; g < count; g++) {
        let b = 0;
        for (const m of candidates) b = Math.max(b, m[g] ?? 0);
        // Cosines under the floor are what unrelated words share; above it they rise to 1 for a synonym.
        if (b <= SIMILARITY_FLOOR) continue;
        const match = b >= 1 ? 1 : (b - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR);
        matches[i * count + g] = match;
        covered[g] = (covered[g] ?? 0) + weight * match;
      }
    });
    // A tip written as several passages is scored by its best one, with that passage's matches.
    this.owners.forEach((owner, g) => {
      const coverage = (covered[g] ?? 0) / total;
      const kept = groups.get(owner);
      if (kept && kept.coverage >= coverage) return;
      groups.set(owner, { coverage, matches: Float32Array.from(weighted, (_, i) => matches[i * count + g] ?? 0) });
    });
    return { words: weighted.map((t) => t.term.word), weights, groups };
  }

  /** A known word's SIF weight; an unknown one (a rare word or a name) counts fully, unless it is a mere letter or two. */
  private weightOf(term: QueryTerm): number {
    if (this.table.has(term.word)) return this.table.weight(term.word);
    const known = term.alternatives.find((w) => this.table.has(w));
    if (known) return this.table.weight(known);
    return term.word.length >= 3 ? 1 : 0;
  }

  /** `word`'s best cosine with each group's words (1 where the group has the word itself), cached. */
  private matches(word: string): Float32Array {
    const cached = this.cache.get(word);
    if (cached) {
      // Refresh its place: the cache drops the least recently used word first.
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const best = new Float32Array(this.groups.length);
    const v = /^\d+$/.test(word) ? undefined : this.table.unitVector(word);
    if (v) {
      const d = this.table.dimensions;
      const m = this.matrix;
      for (let i = 0, base = 0; i < this.vocabulary.length; i++, base += d) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += (v[j] ?? 0) * (m[base + j] ?? 0);
        if (dot <= SIMILARITY_FLOOR) continue;
        for (const g of this.rowGroups[i] ?? []) if (dot > (best[g] ?? 0)) best[g] = dot;
      }
    }
    for (const g of this.exact.get(word) ?? []) best[g] = 1;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(word, best);
    return best;
  }
}
