import { NOT_COVERED_ID, UNCOVERED_MEMORY_ID } from './index-artifacts.js';
import {
  PackedFormatError,
  PackedStrings,
  runningTotals,
  type PackedArray,
  type PackedSections,
} from './packed-tables.js';
import type { QueryTerm } from './query-analyzer.js';
import type { WordVectors } from './word-vectors.js';

/** Word cosine that unrelated words reach anyway (GloVe after post-processing): it counts as 0. */
const SIMILARITY_FLOOR = 0.3;
/** Bytes of per-word matches kept (least recently used first out): a few MB whatever the knowledge. */
const MATCH_CACHE_BYTES = 8 * 1024 * 1024;

/** What an owner is: a tip, a not-covered phrase, or a memory topic no tip covers. */
export const OWNER_KIND = { tip: 0, notCovered: 1, uncovered: 2 } as const;

export interface CoverageGroupsOptions {
  /**
   * The id a group's coverage is reported under: groups with the same owner report their best
   * coverage, so a tip written as several passages is scored by its best one (default: each group
   * is its own owner).
   */
  readonly ownerOf?: (group: string) => string;
  /** The tips owners may be (their ids, in the order the retriever holds them): see `ownerTip`. */
  readonly tipIds?: readonly string[];
  /**
   * The typo lexicon (see QueryAnalyzer), stored first in the word table, in its order: the
   * knowledge's lexicon and its coverage words are nearly the same words, so they travel once.
   */
  readonly lexicon?: Iterable<string>;
}

/**
 * A set of word groups: each group's distinct words (with the group list of each word), the owner
 * each group reports under and the tip each owner is. The build computes the knowledge's set and
 * packs it (`sections`); the runtime adds the topics of scope-rules.json as a second set.
 */
export class CoverageGroups {
  /** Lazily: the words that have a vector and groups (see `vocabularyOf`). */
  private vocabulary: CoverageVocabulary | undefined;

  private constructor(
    /** Every word of the groups, each once, after the lexicon's words (see `lexiconSize`). */
    readonly words: PackedStrings,
    /** The first `lexiconSize` words are the typo lexicon, in its order; some have no group. */
    readonly lexiconSize: number,
    /** Word w is in groups `wordGroups[wordStart[w] … wordStart[w + 1])`. */
    readonly wordStart: Uint32Array,
    readonly wordGroups: Uint16Array | Uint32Array,
    /** Group g reports under owner `groupOwner[g]`. */
    readonly groupOwner: Int32Array,
    readonly ownerKind: Uint8Array,
    /** Owner o is tip `ownerTip[o]` of the `tipIds` the set was built with, -1 for none. */
    readonly ownerTip: Int32Array,
    /** Owner ids, when the set was built here (the packed set reports owners by number). */
    private readonly ownerNames?: readonly string[],
  ) {}

  /** @param wordsByGroup the words of each group (a tip, or one passage of a tip) */
  static build(
    wordsByGroup: ReadonlyMap<string, Iterable<string>>,
    options: CoverageGroupsOptions = {},
  ): CoverageGroups {
    const ownerOf = options.ownerOf ?? ((group: string) => group);
    const owners = new Map<string, number>();
    const groupOwner: number[] = [];
    const groupsOf = new Map<string, number[]>();
    for (const word of options.lexicon ?? []) if (!groupsOf.has(word)) groupsOf.set(word, []);
    const lexiconSize = groupsOf.size;
    [...wordsByGroup].forEach(([group, words], g) => {
      const owner = ownerOf(group);
      if (!owners.has(owner)) owners.set(owner, owners.size);
      groupOwner.push(owners.get(owner) ?? 0);
      for (const word of new Set(words)) {
        const list = groupsOf.get(word);
        if (list) list.push(g);
        else groupsOf.set(word, [g]);
      }
    });
    const wordStart = [0];
    for (const list of groupsOf.values()) wordStart.push((wordStart.at(-1) ?? 0) + list.length);
    const ownerIds = [...owners.keys()];
    const ownerKind = Uint8Array.from(ownerIds, (id) =>
      id.startsWith(NOT_COVERED_ID)
        ? OWNER_KIND.notCovered
        : id.startsWith(UNCOVERED_MEMORY_ID)
          ? OWNER_KIND.uncovered
          : OWNER_KIND.tip,
    );
    const tipIndex = new Map((options.tipIds ?? []).map((id, i) => [id, i]));
    const groups = [...groupsOf.values()].flat();
    return new CoverageGroups(
      PackedStrings.from(groupsOf.keys()),
      lexiconSize,
      Uint32Array.from(wordStart),
      groupOwner.length <= 0x10000 ? Uint16Array.from(groups) : Uint32Array.from(groups),
      Int32Array.from(groupOwner),
      ownerKind,
      Int32Array.from(ownerIds, (id, o) => (ownerKind[o] === OWNER_KIND.tip ? (tipIndex.get(id) ?? -1) : -1)),
      ownerIds,
    );
  }

  /** The arrays the build packs; each word's group count instead of where its groups start. */
  sections(prefix: string): Record<string, PackedArray> {
    const count = this.words.size;
    const counts = Uint32Array.from(
      { length: count },
      (_, w) => (this.wordStart[w + 1] ?? 0) - (this.wordStart[w] ?? 0),
    );
    return {
      ...this.words.sections(`${prefix}.words`),
      [`${prefix}.shape`]: Uint32Array.of(this.lexiconSize),
      [`${prefix}.wordGroupCount`]: counts.every((n) => n <= 0xffff) ? Uint16Array.from(counts) : counts,
      [`${prefix}.wordGroups`]: this.wordGroups,
      [`${prefix}.groupOwner`]: this.groupOwner,
      [`${prefix}.ownerKind`]: this.ownerKind,
      [`${prefix}.ownerTip`]: this.ownerTip,
    };
  }

  static fromSections(sections: PackedSections, prefix: string): CoverageGroups {
    const words = PackedStrings.fromSections(sections, `${prefix}.words`);
    const [lexiconSize = 0] = sections.get(`${prefix}.shape`, Uint32Array);
    const counts = sections.get(`${prefix}.wordGroupCount`, Uint16Array, Uint32Array);
    const wordStart = runningTotals(counts);
    const total = wordStart[counts.length] ?? 0;
    const wordGroups = sections.get(`${prefix}.wordGroups`, Uint16Array, Uint32Array);
    if (counts.length !== words.size || total !== wordGroups.length)
      throw new PackedFormatError(`Packed coverage "${prefix}" does not add up: rebuild the index.`);
    return new CoverageGroups(
      words,
      lexiconSize,
      wordStart,
      wordGroups,
      sections.get(`${prefix}.groupOwner`, Int32Array),
      sections.get(`${prefix}.ownerKind`, Uint8Array),
      sections.get(`${prefix}.ownerTip`, Int32Array),
    );
  }

  get groupCount(): number {
    return this.groupOwner.length;
  }

  get ownerCount(): number {
    return this.ownerKind.length;
  }

  /** The typo lexicon the set was built with (see CoverageGroupsOptions.lexicon). */
  get lexicon(): PackedStrings {
    return this.words.prefix(this.lexiconSize);
  }

  /** Owner o's id: the id it was built with, or `#o` for a packed set. */
  ownerId(o: number): string {
    return this.ownerNames?.[o] ?? `#${o}`;
  }

  /**
   * `word`'s best cosine with each group's words into `best` (at `offset + group`; a float32, as
   * it is kept), listing each group it sets in `touched`: 1 where the group has the word itself,
   * else the best cosine above the floor, nothing for the rest. `unit` is the word's unit vector
   * (see WordVectors.unitVector), `row` its row in the table.
   *
   * The cosine is the float sum of the float32 unit vectors' products, as it always was; but most
   * words are far from any given word, so each is first screened with the exact integer dot product
   * of the int8 rows over the product of their lengths: the same cosine before the float32
   * rounding of the unit vectors, which moves it by at most 2^-23 (both vectors rounded, by at most
   * 2^-24 of each product, and Σ|a·b| ≤ |a||b|). Only words the screen leaves within 1e-6 of the
   * floor or above it are computed the float way: the same matches, for a fraction of the work
   * (integer products of bytes, a quarter of the memory of float32 rows).
   */
  matchInto(
    table: WordVectors,
    word: string,
    unit: Float32Array | undefined,
    row: number,
    best: Float32Array,
    offset: number,
    touched: number[],
  ): void {
    if (unit && row >= 0) {
      const vocabulary = this.vocabularyOf(table);
      const d = table.dimensions;
      const query = table.rowValues(row);
      let squares = 0;
      for (let j = 0; j < d; j++) squares += (query[j] as number) * (query[j] as number);
      const queryLength = Math.sqrt(squares);
      const candidates = queryLength > 0 ? this.screen(query, queryLength, d) : 0;
      const { words, tableRows, lengths } = vocabulary;
      const screened = this.screened as Int32Array;
      for (let c = 0; c < candidates; c++) {
        const i = screened[c] as number;
        const length = (lengths[i] as number) || 1;
        const values = table.rowValues(tableRows[i] as number);
        let dot = 0;
        for (let j = 0; j < d; j++) dot += (unit[j] as number) * Math.fround((values[j] as number) / length);
        if (dot <= SIMILARITY_FLOOR) continue;
        const w = words[i] ?? 0;
        for (let k = this.wordStart[w] ?? 0; k < (this.wordStart[w + 1] ?? 0); k++) {
          const g = offset + (this.wordGroups[k] ?? 0);
          const current = best[g] ?? 0;
          if (current === 0) touched.push(g);
          if (dot > current) best[g] = dot;
        }
      }
    }
    const w = this.words.indexOf(word);
    if (w < 0) return;
    for (let k = this.wordStart[w] ?? 0; k < (this.wordStart[w + 1] ?? 0); k++) {
      const g = offset + (this.wordGroups[k] ?? 0);
      if ((best[g] ?? 0) === 0) touched.push(g);
      best[g] = 1;
    }
  }

  private screened: Int32Array | undefined;

  /**
   * The vocabulary words whose exact integer cosine with `query` (an int8 row of length
   * `queryLength`) is above the floor less 1e-6, into `screened`; returns how many. Two words'
   * int8 rows travel in one double (see CoverageVocabulary.pairs), so one multiply-add advances
   * both dot products, exactly; eight pairs per pass over the query.
   */
  private screen(query: Int8Array, queryLength: number, d: number): number {
    const { pairs, lengths } = this.vocabulary as CoverageVocabulary;
    const count = lengths.length;
    const pairCount = Math.ceil(count / 2);
    const screened = (this.screened ??= new Int32Array(count));
    const sums = (this.pairSums ??= new Float64Array(8));
    const floor = (SIMILARITY_FLOOR - 1e-6) * queryLength;
    let found = 0;
    for (let p = 0; p < pairCount; p += 8) {
      const r = p * d;
      const n = Math.min(8, pairCount - p);
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      let a5 = 0;
      let a6 = 0;
      let a7 = 0;
      // `pairs` is padded with zero rows to a multiple of eight pairs: their sums are dropped below.
      for (let j = 0; j < d; j++) {
        const x = query[j] as number;
        const k = r + j;
        a0 += x * (pairs[k] as number);
        a1 += x * (pairs[k + d] as number);
        a2 += x * (pairs[k + 2 * d] as number);
        a3 += x * (pairs[k + 3 * d] as number);
        a4 += x * (pairs[k + 4 * d] as number);
        a5 += x * (pairs[k + 5 * d] as number);
        a6 += x * (pairs[k + 6 * d] as number);
        a7 += x * (pairs[k + 7 * d] as number);
      }
      sums[0] = a0;
      sums[1] = a1;
      sums[2] = a2;
      sums[3] = a3;
      sums[4] = a4;
      sums[5] = a5;
      sums[6] = a6;
      sums[7] = a7;
      for (let t = 0; t < n; t++) {
        const sum = sums[t] as number;
        // sum = low + high × 2^23 with |low| < 2^21: both come back exactly.
        const high = Math.round(sum / PAIR_SHIFT);
        const low = sum - high * PAIR_SHIFT;
        const i = 2 * (p + t);
        if (low > floor * (lengths[i] as number)) screened[found++] = i;
        if (i + 1 < count && high > floor * (lengths[i + 1] as number)) screened[found++] = i + 1;
      }
    }
    return found;
  }

  private pairSums: Float64Array | undefined;

  /**
   * The words that have a vector and belong to a group, with their rows paired up and their
   * lengths, built on the first word to match (a few ms for 1,000 units); each word's row found
   * in the table without decoding it.
   */
  private vocabularyOf(table: WordVectors): CoverageVocabulary {
    if (this.vocabulary) return this.vocabulary;
    const words: number[] = [];
    const tableRows: number[] = [];
    for (let w = 0; w < this.words.size; w++) {
      if (this.wordStart[w] === this.wordStart[w + 1]) continue;
      const row = table.rankOfEntry(this.words, w);
      if (row < 0) continue;
      words.push(w);
      tableRows.push(row);
    }
    const d = table.dimensions;
    const pairs = new Float64Array(Math.ceil(words.length / 16) * 8 * d);
    const lengths = new Float64Array(words.length);
    tableRows.forEach((row, i) => {
      const values = table.rowValues(row);
      const scale = i % 2 === 0 ? 1 : PAIR_SHIFT;
      const base = (i >> 1) * d;
      let squares = 0;
      for (let j = 0; j < d; j++) {
        const x = values[j] as number;
        pairs[base + j] = (pairs[base + j] as number) + x * scale;
        squares += x * x;
      }
      lengths[i] = Math.sqrt(squares);
    });
    this.vocabulary = { words: Int32Array.from(words), tableRows: Int32Array.from(tableRows), pairs, lengths };
    return this.vocabulary;
  }
}

/**
 * Two int8 rows in one double: `low + high × 2^23`. A dot product with an int8 query sums to
 * `Σ x·low + 2^23 · Σ x·high`, exact in a double (under 2^45), and each part stays under 2^21
 * (100 dimensions × 128 × 128), so both come back apart.
 */
const PAIR_SHIFT = 2 ** 23;

/** The words a query word is compared with: word index, row in the table, rows paired up (see PAIR_SHIFT), length of each row. */
interface CoverageVocabulary {
  readonly words: Int32Array;
  readonly tableRows: Int32Array;
  readonly pairs: Float64Array;
  readonly lengths: Float64Array;
}

/** One query word's match with every group that matches it at all: groups ascending, values as float32. */
interface WordMatch {
  readonly groups: Int32Array;
  readonly values: Float32Array;
}

/**
 * What a query's coverage leaves for its tips: the weighable words, their weights, and per owner
 * how well its best group accounts for each word (a compressed row per owner).
 */
export class CoverageMatches {
  constructor(
    readonly words: readonly string[],
    readonly weights: Float32Array,
    /** Owner o's matches are `matchWord/matchValue[matchStart[o] … matchStart[o + 1])`. */
    private readonly matchStart: Uint32Array,
    private readonly matchWord: Uint16Array,
    private readonly matchValue: Float32Array,
  ) {}

  /** How well the owner's best group accounts for each word, in the order of `words`. */
  of(owner: number): Float32Array {
    const out = new Float32Array(this.words.length);
    for (let k = this.matchStart[owner] ?? 0; k < (this.matchStart[owner + 1] ?? 0); k++)
      out[this.matchWord[k] ?? 0] = this.matchValue[k] ?? 0;
    return out;
  }

  /**
   * See QueryCoverage.uncovered: the best uncovered topic's share of the weighted words beyond
   * the best tip's match of each word. `kinds` is each owner's kind (OWNER_KIND). An owner's
   * matches are in word order, and a word it does not match adds 0, so summing only its matches
   * gives the sum over every word, bit for bit.
   */
  uncoveredShare(kinds: Uint8Array): number {
    const { matchStart, matchWord, matchValue, weights } = this;
    const owners = matchStart.length - 1;
    const tipBest = new Float32Array(this.words.length);
    for (let o = 0; o < owners; o++) {
      if (kinds[o] !== OWNER_KIND.tip) continue;
      for (let k = matchStart[o] ?? 0; k < (matchStart[o + 1] ?? 0); k++) {
        const i = matchWord[k] ?? 0;
        tipBest[i] = Math.max(tipBest[i] ?? 0, matchValue[k] ?? 0);
      }
    }
    let total = 0;
    for (const weight of weights) total += weight;
    if (total === 0) return 0;
    let best = 0;
    // Topics that match no word add 0; the rest in owner order.
    for (let o = 0; o < owners; o++) {
      if (kinds[o] !== OWNER_KIND.uncovered || matchStart[o] === matchStart[o + 1]) continue;
      let beyond = 0;
      for (let k = matchStart[o] ?? 0; k < (matchStart[o + 1] ?? 0); k++) {
        const i = matchWord[k] ?? 0;
        beyond += (weights[i] ?? 0) * Math.max(0, (matchValue[k] ?? 0) - (tipBest[i] ?? 0));
      }
      best = Math.max(best, beyond / total);
    }
    return best;
  }
}

/** A query's coverage (see TermCoverage.query). */
export interface QueryCoverage {
  /** Coverage in [0, 1] per owner (valid until the next query: reused). */
  readonly coverage: Float64Array;
  /** The best coverage of the query by a not-covered phrase. */
  readonly notCovered: number;
  /** The best coverage of the query by a tip (an owner of kind `tip`). */
  readonly bestTip: number;
  /**
   * The share of the query's weighted words an uncovered memory topic accounts for beyond the
   * best tip's match of each word: Σ weight × max(0, topic match − best tip match) / Σ weight,
   * for the best such topic.
   */
  readonly uncovered: number;
  /** Absent when the query has no weighable word. */
  readonly matches?: CoverageMatches;
}

/**
 * How much of a question a tip accounts for: each query word is matched to its closest word of
 * the tip (1 for the same word, else the cosine of their word vectors), and the matches are
 * averaged with the words' SIF weights, so rare words count most. A word no tip explains, like
 * "django" or "reverse", pulls every tip's coverage down: that is what tells "how do I reverse a
 * list" (not covered) from "tuple or list?" (covered) when both share the word "list".
 *
 * Scaled for an operator-sized knowledge: the word → groups index is built once (by the build,
 * for the knowledge), a query word's matches are computed once, only for the knowledge words
 * above the floor, kept sparse (the groups it matches at all) and cached, and a query only touches
 * the groups its words match: its cost follows the matches, not the size of the knowledge.
 * Numbers match only exactly: their vectors are all alike ("1024" is close to "2019"), which says
 * nothing about the topic.
 *
 * @example
 * const coverage = new TermCoverage(table, new Map([['tip-id', ['weak', 'reference']]]));
 * coverage.score(analysis.terms).get('tip-id'); // in [0, 1]
 */
export class TermCoverage {
  private readonly sets: readonly CoverageGroups[];
  /** Per set, the index of its first group and of its first owner. */
  private readonly groupOffset: number[] = [];
  private readonly ownerOffset: number[] = [];
  private readonly groupOwner: Int32Array;
  private readonly ownerKind: Uint8Array;
  /** Owner o's first group: its best until another does better. */
  private readonly ownerFirstGroup: Int32Array;
  private readonly cache = new Map<string, WordMatch>();
  private cacheBytes = 0;
  // Scratch of one query (a query is synchronous).
  private readonly best: Float32Array;
  private readonly covered: Float64Array;
  private readonly ownerCoverage: Float64Array;
  private readonly ownerGroup: Int32Array;

  /** See CoverageGroups.build; one set of groups, built here. */
  constructor(
    table: WordVectors,
    wordsByGroup: ReadonlyMap<string, Iterable<string>>,
    ownerOf?: (group: string) => string,
  );
  /** Several sets (the build's, the runtime's topics), owners numbered set after set. */
  constructor(table: WordVectors, sets: readonly CoverageGroups[]);
  constructor(
    private readonly table: WordVectors,
    groups: ReadonlyMap<string, Iterable<string>> | readonly CoverageGroups[],
    ownerOf?: (group: string) => string,
  ) {
    this.sets = Array.isArray(groups)
      ? groups
      : [CoverageGroups.build(groups as ReadonlyMap<string, Iterable<string>>, ownerOf ? { ownerOf } : {})];
    let groupCount = 0;
    let ownerCount = 0;
    for (const set of this.sets) {
      this.groupOffset.push(groupCount);
      this.ownerOffset.push(ownerCount);
      groupCount += set.groupCount;
      ownerCount += set.ownerCount;
    }
    this.groupOwner = new Int32Array(groupCount);
    this.ownerKind = new Uint8Array(ownerCount);
    this.ownerFirstGroup = new Int32Array(ownerCount).fill(-1);
    this.sets.forEach((set, s) => {
      const groups = this.groupOffset[s] ?? 0;
      const owners = this.ownerOffset[s] ?? 0;
      set.groupOwner.forEach((owner, g) => {
        this.groupOwner[groups + g] = owners + owner;
        if (this.ownerFirstGroup[owners + owner] === -1) this.ownerFirstGroup[owners + owner] = groups + g;
      });
      this.ownerKind.set(set.ownerKind, owners);
    });
    this.best = new Float32Array(groupCount);
    this.covered = new Float64Array(groupCount);
    this.ownerCoverage = new Float64Array(ownerCount);
    this.ownerGroup = new Int32Array(ownerCount);
  }

  /** Owner ids, in owner order (tips first as the build lists them, then phrases and topics). */
  ownerIds(): string[] {
    return this.sets.flatMap((set) => Array.from({ length: set.ownerCount }, (_, o) => set.ownerId(o)));
  }

  /** Per owner (in owner order), the tip it is (see CoverageGroups.ownerTip), -1 for a phrase or topic. */
  ownerTips(): Int32Array {
    const tips = new Int32Array(this.ownerKind.length);
    this.sets.forEach((set, s) => tips.set(set.ownerTip, this.ownerOffset[s] ?? 0));
    return tips;
  }

  get ownerKinds(): Uint8Array {
    return this.ownerKind;
  }

  /** Coverage in [0, 1] per owner (tip id); empty when the query has no weighable word. */
  score(terms: readonly QueryTerm[]): Map<string, number> {
    const result = this.query(terms);
    if (!result.matches) return new Map();
    const ids = this.ownerIds();
    return new Map(ids.map((id, o) => [id, result.coverage[o] ?? 0]));
  }

  /**
   * The query's coverage per owner, with each owner's per-word matches (citations use them to
   * tell a tip that explains other words of the question from one that explains the same words
   * again), the best not-covered phrase and the uncovered-topic share. Owners `excluded` marks
   * (non-zero, by owner index) explain nothing: a unit the question does not open (`Tip.when`).
   */
  query(terms: readonly QueryTerm[], excluded?: Uint8Array): QueryCoverage {
    const { ownerCoverage, ownerGroup, covered, groupOwner, ownerKind, ownerFirstGroup } = this;
    ownerCoverage.fill(0);
    ownerGroup.set(ownerFirstGroup);
    const weighted = terms.map((term) => ({ term, weight: this.weightOf(term) })).filter((t) => t.weight > 0);
    const total = weighted.reduce((s, t) => s + t.weight, 0);
    if (total === 0) return { coverage: ownerCoverage, notCovered: 0, bestTip: 0, uncovered: 0 };
    // Per word, the groups it matches above the floor and how well, in [0, 1]: entries
    // `wordStart[i] … wordStart[i + 1]` of `entryGroup`/`entryMatch`.
    const wordStart = new Uint32Array(weighted.length + 1);
    let entries = 0;
    weighted.forEach(({ term, weight }, i) => {
      const { groups, values } = this.bestOfCandidates([term.word, ...term.alternatives]);
      this.reserve(entries + groups.length);
      const { entryGroup, entryMatch } = this;
      for (let k = 0; k < groups.length; k++) {
        const b = values[k] ?? 0;
        // Cosines under the floor are what unrelated words share; above it they rise to 1 for a synonym.
        if (b <= SIMILARITY_FLOOR) continue;
        const g = groups[k] ?? 0;
        if (excluded?.[groupOwner[g] ?? 0]) continue;
        const match = b >= 1 ? 1 : (b - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR);
        entryGroup[entries] = g;
        entryMatch[entries] = match;
        entries++;
        covered[g] = (covered[g] ?? 0) + weight * match;
      }
      wordStart[i + 1] = entries;
    });
    const { entryGroup } = this;
    // A tip written as several passages is scored by its best one (the first, on a tie), with that passage's matches.
    for (let e = 0; e < entries; e++) {
      const g = entryGroup[e] ?? 0;
      const value = covered[g] ?? 0;
      if (value === 0) continue;
      covered[g] = 0;
      const owner = groupOwner[g] ?? 0;
      const coverage = value / total;
      const current = ownerCoverage[owner] ?? 0;
      if (coverage > current || (coverage === current && g < (ownerGroup[owner] ?? 0))) {
        ownerCoverage[owner] = coverage;
        ownerGroup[owner] = g;
      }
    }
    // The best tip's and the best not-covered phrase's, in one plain pass over the owners.
    let notCovered = 0;
    let bestTip = 0;
    for (let o = 0; o < ownerKind.length; o++) {
      const kind = ownerKind[o];
      if (kind === OWNER_KIND.tip) bestTip = Math.max(bestTip, ownerCoverage[o] ?? 0);
      else if (kind === OWNER_KIND.notCovered) notCovered = Math.max(notCovered, ownerCoverage[o] ?? 0);
    }
    const weights = Float32Array.from(weighted, (t) => t.weight);
    const matches = this.bestGroupMatches(
      weighted.map((t) => t.term.word),
      weights,
      wordStart,
    );
    return {
      coverage: ownerCoverage,
      notCovered,
      bestTip,
      uncovered: matches.uncoveredShare(ownerKind),
      matches,
    };
  }

  // Entries of one query (see `query`), grown as needed and reused.
  private entryGroup = new Int32Array(1024);
  private entryMatch = new Float64Array(1024);

  private reserve(size: number): void {
    if (size <= this.entryGroup.length) return;
    const capacity = Math.max(size, this.entryGroup.length * 2);
    const groups = new Int32Array(capacity);
    const matches = new Float64Array(capacity);
    groups.set(this.entryGroup);
    matches.set(this.entryMatch);
    this.entryGroup = groups;
    this.entryMatch = matches;
  }

  /**
   * Per group, the best match of the word or its alternatives (a correction, an expansion),
   * remembered like a word's own matches: a word always comes with the same alternatives.
   */
  private bestOfCandidates(words: readonly string[]): WordMatch {
    if (words.length === 1) return this.matches(words[0] ?? '');
    // Words never hold a line break, so the key is no single word's.
    const key = words.join('\n');
    const known = this.remembered(key);
    if (known) return known;
    const candidates = words.map((w) => this.matches(w));
    const { best } = this;
    const touched: number[] = [];
    for (const { groups, values } of candidates) {
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k] ?? 0;
        const v = values[k] ?? 0;
        const current = best[g] ?? 0;
        if (current === 0) touched.push(g);
        if (v > current) best[g] = v;
      }
    }
    const union: WordMatch = {
      groups: Int32Array.from(touched),
      values: Float32Array.from(touched, (g) => best[g] ?? 0),
    };
    for (const g of touched) best[g] = 0;
    this.remember(key, union);
    return union;
  }

  /** Each owner's matches from its best group, as float32 (what citations compare), word by word. */
  private bestGroupMatches(words: string[], weights: Float32Array, wordStart: Uint32Array): CoverageMatches {
    const { groupOwner, ownerGroup, entryGroup, entryMatch } = this;
    const entries = wordStart[words.length] ?? 0;
    const start = new Uint32Array(ownerGroup.length + 1);
    for (let e = 0; e < entries; e++) {
      const g = entryGroup[e] ?? 0;
      const owner = groupOwner[g] ?? 0;
      if (ownerGroup[owner] === g) start[owner + 1] = (start[owner + 1] ?? 0) + 1;
    }
    for (let o = 0; o < ownerGroup.length; o++) start[o + 1] = (start[o + 1] ?? 0) + (start[o] ?? 0);
    const fill = start.slice(0, ownerGroup.length);
    const count = start[ownerGroup.length] ?? 0;
    const matchWord = new Uint16Array(count);
    const matchValue = new Float32Array(count);
    for (let i = 0; i < words.length; i++) {
      for (let e = wordStart[i] ?? 0; e < (wordStart[i + 1] ?? 0); e++) {
        const g = entryGroup[e] ?? 0;
        const owner = groupOwner[g] ?? 0;
        if (ownerGroup[owner] !== g) continue;
        const at = fill[owner] ?? 0;
        fill[owner] = at + 1;
        matchWord[at] = i;
        matchValue[at] = entryMatch[e] ?? 0;
      }
    }
    return new CoverageMatches(words, weights, start, matchWord, matchValue);
  }

  /** A known word's SIF weight; an unknown one (a rare word or a name) counts fully, unless it is a mere letter or two. */
  private weightOf(term: QueryTerm): number {
    if (this.table.has(term.word)) return this.table.weight(term.word);
    const known = term.alternatives.find((w) => this.table.has(w));
    if (known) return this.table.weight(known);
    return term.word.length >= 3 ? 1 : 0;
  }

  /** `word`'s best cosine with each group's words (1 where the group has the word itself), sparse, cached. */
  private matches(word: string): WordMatch {
    const known = this.remembered(word);
    if (known) return known;
    const { best } = this;
    const touched: number[] = [];
    const unit = /^\d+$/.test(word) ? undefined : this.table.unitVector(word);
    const row = unit ? (this.table.rank(word) ?? -1) : -1;
    this.sets.forEach((set, s) => set.matchInto(this.table, word, unit, row, best, this.groupOffset[s] ?? 0, touched));
    touched.sort((a, b) => a - b);
    const match: WordMatch = {
      groups: Int32Array.from(touched),
      values: Float32Array.from(touched, (g) => best[g] ?? 0),
    };
    for (const g of touched) best[g] = 0;
    this.remember(word, match);
    return match;
  }

  private remembered(key: string): WordMatch | undefined {
    const cached = this.cache.get(key);
    if (cached) {
      // Refresh its place: the cache drops the least recently used entry first.
      this.cache.delete(key);
      this.cache.set(key, cached);
    }
    return cached;
  }

  private remember(key: string, match: WordMatch): void {
    const bytes = 64 + match.groups.length * 8;
    while (this.cacheBytes + bytes > MATCH_CACHE_BYTES && this.cache.size > 0) {
      const [oldest, dropped] = this.cache.entries().next().value ?? ['', undefined];
      this.cache.delete(oldest);
      this.cacheBytes -= 64 + (dropped?.groups.length ?? 0) * 8;
    }
    this.cache.set(key, match);
    this.cacheBytes += bytes;
  }
}
