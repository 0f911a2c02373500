import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Tip } from '../knowledge/types.js';
import { tipPassages } from './index-artifacts.js';
import {
  PackedFormatError,
  PackedStrings,
  runningTotals,
  type PackedArray,
  type PackedSections,
} from './packed-tables.js';
import { tokenize } from './tokenize.js';

interface LexicalDocument {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly text: string;
  readonly code: string;
  readonly phrases: string;
  readonly facets: string;
}

const FIELDS = ['title', 'section', 'text', 'code', 'phrases', 'facets'] as const;

// Terms are already normalized by tokenize(); MiniSearch must not lower-case or split them again.
const OPTIONS: Options<LexicalDocument> = {
  fields: [...FIELDS],
  tokenize,
  processTerm: (term) => term,
};

/** Per field, in `FIELDS` order: title 3, section 1.5, text 1, code 1, phrases 1, facets 0.5. */
const BOOST: readonly number[] = [3, 1.5, 1, 1, 1, 0.5];

/** MiniSearch's defaults, which the index was searched with: BM25+ (k, b, d) and the fuzzy match weight. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;
/** Unknown terms whose fuzzy matches are remembered. */
const FUZZY_CACHE_TERMS = 4096;
/**
 * Most distinct unknown terms of one search matched fuzzily; the rest are matched as written. Each
 * walks the whole term tree (about 50 µs), so a query of made-up words (a hostile 2,000-character
 * question, or a follow-up carrying 16 KiB of such history) cost tens of milliseconds in this alone.
 * The 970 real questions of the eval sets have at most 14 (99% at most 9), so every one of them
 * is still scored exactly as MiniSearch scores it.
 */
export const MAX_FUZZY_TERMS = 32;

/**
 * Fuzzy matching (one edit in five letters) for a term the index does not have: a typo. A term it
 * has is matched as written; fuzzy matching it too would only add near-misses ("point" for
 * `print`), and walking the whole term list for every word is what a large knowledge makes slow.
 * Returns the largest edit distance, 0 for none (MiniSearch's `fuzzy: 0.2`, `maxFuzzy: 6`).
 */
function fuzzyDistance(term: string, indexed: boolean): number {
  return term.length >= 5 && !term.includes('.') && !indexed ? Math.min(MAX_FUZZY, Math.round(term.length * 0.2)) : 0;
}

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
}

/**
 * MiniSearch's index as packed arrays: each term's postings per field (passage, term frequency),
 * each passage's field lengths, and the terms in MiniSearch's own tree order with the length of
 * the prefix each shares with the one before (which its fuzzy search walks).
 */
interface LexicalTables {
  readonly terms: PackedStrings;
  /** Code units term i shares with term i - 1 (at most 255). */
  readonly shared: Uint8Array;
  /** Term i's runs are `termRuns[i] … termRuns[i + 1]`; a run is one field's postings, in FIELDS order. */
  readonly termRuns: Uint32Array;
  readonly runField: Uint8Array;
  /** Run r's postings are `runStart[r] … runStart[r + 1]`. */
  readonly runStart: Uint32Array;
  /**
   * Each posting's passage as the gap from the run's previous one (the first from 0): passages
   * ascend in a run, so the gaps are small numbers, which compress to a third of the ids.
   */
  readonly postingGap: Uint16Array | Uint32Array;
  readonly postingFreq: Uint16Array | Uint32Array;
  /** Passage d's length in field f: `fieldLength[d * FIELDS.length + f]`. */
  readonly fieldLength: Uint16Array | Uint32Array;
  readonly averageFieldLength: Float64Array;
  /** Passage ids (`tipId`, `tipId#…`) by MiniSearch's short id: only when built from MiniSearch's index. */
  readonly docIds?: PackedStrings;
  /** Passage d is passage `docOrdinals[d]` of `tipPassages` of its tip: only when packed. */
  readonly docOrdinals?: Uint8Array | Uint16Array;
  /** The tip of each passage: an index into the tips the index was built for, -1 for none of them. */
  readonly docTips: Int32Array;
}

/**
 * BM25 over tip passages. MiniSearch builds the index at build time; the runtime reads it packed
 * (see `sections`) and scores a query exactly as MiniSearch's `search` does (BM25+, field boosts,
 * fuzzy matching of unknown terms, OR, times the number of query terms matched), to the last bit:
 * test/retrieval/lexical-index.test.ts compares both on every eval question and on random typos.
 *
 * Why not MiniSearch at runtime: loading it rebuilds its term tree and per-term maps, 0.3 s for a
 * 1,000-unit knowledge, and a search allocates a result object per matching passage and term;
 * here a load reads arrays in place and a search adds into reused typed arrays (a fifth of the CPU).
 */
export class LexicalIndex {
  // Scratch of one search (a search is synchronous): per passage, this term's score, the total,
  // how many distinct query terms matched it, and which term touched it last.
  private readonly termScore: Float64Array;
  private readonly total: Float64Array;
  private readonly quality: Uint16Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly termTouched: Int32Array;
  private fuzzyMatrix = new Uint8Array(0);
  private longestTermLength: number | undefined;
  /** Recent unknown terms' fuzzy matches (term index, distance pairs; least recently used first out). */
  private readonly fuzzyCache = new Map<string, Int32Array>();

  private constructor(private readonly tables: LexicalTables) {
    const n = tables.docTips.length;
    this.termScore = new Float64Array(n);
    this.total = new Float64Array(n);
    this.quality = new Uint16Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.termTouched = new Int32Array(n);
  }

  /**
   * One document per passage of each tip (`tipPassages`: its own words, each facet, the rest of
   * each extension), so the guidance's own words are scored as before, a facet is matched as the
   * paragraph it is, and an extension's passages can be left out by file.
   *
   * @param phrases extra search phrases by tip id (see `*.search.json`).
   */
  static build(tips: readonly Tip[], phrases: Readonly<Record<string, readonly string[]>> = {}): LexicalIndex {
    return LexicalIndex.fromMiniSearch(
      LexicalIndex.miniSearch(tips, phrases).toJSON(),
      tips.map((t) => t.id),
    );
  }

  /** MiniSearch's index of the passages: what the build serializes (`lexical.json`) and packs. */
  static miniSearch(
    tips: readonly Tip[],
    phrases: Readonly<Record<string, readonly string[]>> = {},
  ): MiniSearch<LexicalDocument> {
    const search = new MiniSearch<LexicalDocument>(OPTIONS);
    search.addAll(
      tips.flatMap((tip) =>
        tipPassages(tip, phrases[tip.id]).map((p) => ({
          id: p.id,
          title: p.title,
          section: p.section,
          text: p.text,
          code: p.code.join('\n'),
          phrases: p.phrases.join('\n'),
          facets: p.facet,
        })),
      ),
    );
    return search;
  }

  /** Packs a serialized MiniSearch index; `tipIds` are the tips scores are reported for, in order. */
  static fromMiniSearch(plain: AsPlainObject, tipIds: readonly string[]): LexicalIndex {
    FIELDS.forEach((field, f) => {
      if (plain.fieldIds[field] !== f)
        throw new Error(`MiniSearch field "${field}" has id ${plain.fieldIds[field]}, expected ${f}.`);
    });
    const count = plain.nextId;
    const docIds = Array.from({ length: count }, (_, d) => String(plain.documentIds[d] ?? ''));
    const tipIndex = new Map(tipIds.map((id, i) => [id, i]));
    const fieldLength: number[] = new Array<number>(count * FIELDS.length).fill(0);
    for (const [d, lengths] of Object.entries(plain.fieldLength))
      lengths.forEach((l, f) => (fieldLength[Number(d) * FIELDS.length + f] = l));
    const terms = plain.index.map(([term]) => term);
    const termRuns = [0];
    const runField: number[] = [];
    const runStart = [0];
    const postingGap: number[] = [];
    const postingFreq: number[] = [];
    for (const [, data] of plain.index) {
      for (let f = 0; f < FIELDS.length; f++) {
        const freqs = data[f];
        if (!freqs) continue;
        // Ascending passage ids, as MiniSearch iterates them once loaded.
        let previous = 0;
        for (const d of Object.keys(freqs)
          .map(Number)
          .sort((a, b) => a - b)) {
          postingGap.push(d - previous);
          postingFreq.push(freqs[d] ?? 0);
          previous = d;
        }
        runField.push(f);
        runStart.push(postingGap.length);
      }
      termRuns.push(runField.length);
    }
    return new LexicalIndex({
      terms: PackedStrings.from(terms),
      shared: Uint8Array.from(terms, (term, i) => Math.min(255, sharedPrefix(terms[i - 1] ?? '', term))),
      termRuns: Uint32Array.from(termRuns),
      runField: Uint8Array.from(runField),
      runStart: Uint32Array.from(runStart),
      postingGap: count <= 0x10000 ? Uint16Array.from(postingGap) : Uint32Array.from(postingGap),
      postingFreq: postingFreq.every((x) => x <= 0xffff)
        ? Uint16Array.from(postingFreq)
        : Uint32Array.from(postingFreq),
      fieldLength: fieldLength.every((x) => x <= 0xffff)
        ? Uint16Array.from(fieldLength)
        : Uint32Array.from(fieldLength),
      averageFieldLength: Float64Array.from(FIELDS, (_, f) => plain.averageFieldLength[f] ?? 0),
      docIds: PackedStrings.from(docIds),
      docTips: Int32Array.from(docIds, (id) => tipIndex.get(passageTipId(id)) ?? -1),
    });
  }

  /**
   * The arrays the build packs into the index (see PackedSections): where each term's runs and
   * each run's postings start as counts (summed up on reading: small numbers compress), and each
   * passage by its place among its tip's passages (`ordinalOf`, from `tipPassages`), not its id.
   */
  sections(ordinalOf: (passageId: string) => number): Record<string, PackedArray> {
    const t = this.tables;
    const docIds = this.docIds;
    const ordinals = Array.from({ length: docIds.size }, (_, d) => {
      const ordinal = ordinalOf(docIds.at(d));
      if (ordinal < 0) throw new Error(`Passage "${docIds.at(d)}" is none of its tip's passages: rebuild the index.`);
      return ordinal;
    });
    const runLengths = Uint32Array.from(
      { length: t.runField.length },
      (_, r) => (t.runStart[r + 1] ?? 0) - (t.runStart[r] ?? 0),
    );
    return {
      ...t.terms.sections('lexical.terms'),
      'lexical.shared': t.shared,
      'lexical.termRunCount': Uint8Array.from(
        { length: t.terms.size },
        (_, i) => (t.termRuns[i + 1] ?? 0) - (t.termRuns[i] ?? 0),
      ),
      'lexical.runField': t.runField,
      'lexical.runLength': runLengths.every((n) => n <= 0xffff) ? Uint16Array.from(runLengths) : runLengths,
      'lexical.postingGap': t.postingGap,
      'lexical.postingFreq': t.postingFreq,
      'lexical.fieldLength': t.fieldLength,
      'lexical.averageLength': t.averageFieldLength,
      'lexical.docOrdinals': ordinals.every((o) => o <= 0xff) ? Uint8Array.from(ordinals) : Uint16Array.from(ordinals),
      'lexical.docTips': t.docTips,
    };
  }

  static fromSections(sections: PackedSections): LexicalIndex {
    const runCounts = sections.get('lexical.termRunCount', Uint8Array);
    const termRuns = runningTotals(runCounts);
    const runStart = runningTotals(sections.get('lexical.runLength', Uint16Array, Uint32Array));
    const runs = termRuns[runCounts.length] ?? 0;
    const postings = runStart[runStart.length - 1] ?? 0;
    const tables: LexicalTables = {
      terms: PackedStrings.fromSections(sections, 'lexical.terms'),
      shared: sections.get('lexical.shared', Uint8Array),
      termRuns,
      runField: sections.get('lexical.runField', Uint8Array),
      runStart,
      postingGap: sections.get('lexical.postingGap', Uint16Array, Uint32Array),
      postingFreq: sections.get('lexical.postingFreq', Uint16Array, Uint32Array),
      fieldLength: sections.get('lexical.fieldLength', Uint16Array, Uint32Array),
      averageFieldLength: sections.get('lexical.averageLength', Float64Array),
      docOrdinals: sections.get('lexical.docOrdinals', Uint8Array, Uint16Array),
      docTips: sections.get('lexical.docTips', Int32Array),
    };
    if (
      runs !== tables.runField.length ||
      postings !== tables.postingGap.length ||
      runCounts.length !== tables.terms.size
    ) {
      throw new PackedFormatError('Packed BM25 index does not add up: rebuild the index.');
    }
    return new LexicalIndex(tables);
  }

  /** The passages' tips (see `fromMiniSearch`'s `tipIds`), by passage. */
  get docTips(): Int32Array {
    return this.tables.docTips;
  }

  /** Passage ids (`tipId`, `tipId#…`), by passage: only for an index built from MiniSearch's. */
  get docIds(): PackedStrings {
    if (!this.tables.docIds)
      throw new PackedFormatError('A packed BM25 index carries no passage ids: use `docOrdinals` with tipPassages.');
    return this.tables.docIds;
  }

  /** Each passage's place among `tipPassages` of its tip (`docTips[d]`): only for a packed index. */
  get docOrdinals(): Uint8Array | Uint16Array {
    if (!this.tables.docOrdinals)
      throw new PackedFormatError('A BM25 index built from MiniSearch carries passage ids, not ordinals.');
    return this.tables.docOrdinals;
  }

  /** BM25 hits by passage id (`tipId` or `tipId#…`), with fuzzy matching for typos (see fuzzyDistance), best first. */
  query(text: string): LexicalHit[] {
    const hits: LexicalHit[] = [];
    const count = this.search(tokenize(text));
    for (let i = 0; i < count; i++) {
      const d = this.touched[i] ?? 0;
      hits.push({ id: this.docIds.at(d), score: (this.total[d] ?? 0) * (this.quality[d] ?? 1) });
    }
    this.clear(count);
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * Each tip's best passage score for a query's terms (`tokenize` of its text: the retriever
   * tokenizes once for this and the question classifier) into `best` (which starts at 0); `tipOf`
   * maps each passage to an index of `best`, -1 to leave it out.
   */
  bestByTip(queryTerms: readonly string[], tipOf: Int32Array, best: Float64Array): void {
    const count = this.search(queryTerms);
    for (let i = 0; i < count; i++) {
      const d = this.touched[i] ?? 0;
      const tip = tipOf[d] ?? -1;
      const score = (this.total[d] ?? 0) * (this.quality[d] ?? 1);
      if (tip >= 0 && score > (best[tip] ?? 0)) best[tip] = score;
    }
    this.clear(count);
  }

  /**
   * MiniSearch's `search(text)` with OR: each query term (repeats included) adds its score to the
   * passages it matches, in query order, and a passage's total is multiplied by how many distinct
   * query terms matched it. Leaves the passages touched in `touched[0 … n)`.
   */
  private search(queryTerms: readonly string[]): number {
    const { total, quality, stamp, touched } = this;
    const terms = queryTerms.filter((term) => !!term);
    const seen = new Map<string, number>();
    // Distinct terms allowed a fuzzy match so far (a repeated term is matched as it was the first time).
    const fuzzy = new Set<string>();
    let count = 0;
    terms.forEach((term) => {
      const distinct = seen.get(term) ?? seen.size;
      seen.set(term, distinct);
      const termCount = this.scoreTerm(term, fuzzy);
      for (let i = 0; i < termCount; i++) {
        const d = this.termTouched[i] ?? 0;
        const score = this.termScore[d] ?? 0;
        this.termScore[d] = 0;
        if (stamp[d] === -1) {
          touched[count++] = d;
          stamp[d] = distinct;
          quality[d] = 1;
          total[d] = score;
          continue;
        }
        total[d] = (total[d] ?? 0) + score;
        // Distinct terms get increasing numbers: a passage's last one is the highest it saw.
        if ((stamp[d] ?? -1) < distinct) {
          stamp[d] = distinct;
          quality[d] = (quality[d] ?? 0) + 1;
        }
      }
    });
    return count;
  }

  /** Resets the scratch of the `count` passages a search touched. */
  private clear(count: number): void {
    for (let i = 0; i < count; i++) {
      const d = this.touched[i] ?? 0;
      this.stamp[d] = -1;
      this.total[d] = 0;
      this.quality[d] = 0;
    }
  }

  /**
   * One query term's score per passage, into `termScore` (passages in `termTouched[0 … n)`): its
   * exact postings, or, for a term the index lacks, those of every term within its fuzzy distance,
   * each weighted `0.45 × length / (length + distance)`, in MiniSearch's order of addition. Only
   * the first {@link MAX_FUZZY_TERMS} such terms of a search are matched fuzzily: `fuzzy` holds
   * those so far, and this adds to it.
   */
  private scoreTerm(term: string, fuzzy: Set<string>): number {
    const index = this.tables.terms.indexOf(term);
    let count = this.addPostings(index, 1, 0);
    const distance = fuzzyDistance(term, index >= 0);
    if (distance > 0 && fuzzy.size < MAX_FUZZY_TERMS) fuzzy.add(term);
    const maxDistance = fuzzy.has(term) ? distance : 0;
    // No indexed term is within reach of a term longer than the longest one by more than the
    // distance; and the walk's matrix grows with the square of the term's length (a 64 KiB "word"
    // pasted as code asked for 4 GB).
    if (maxDistance > 0 && term.length - maxDistance <= this.longestTerm()) {
      const matches = this.fuzzyMatchesOf(term, maxDistance);
      for (let k = 0; k < matches.length; k += 2) {
        const match = matches[k] ?? 0;
        const length = this.tables.terms.lengthAt(match);
        count = this.addPostings(match, (FUZZY_WEIGHT * length) / (length + (matches[k + 1] ?? 0)), count);
      }
    }
    return count;
  }

  /** The length of the longest indexed term (computed on first use). */
  private longestTerm(): number {
    if (this.longestTermLength === undefined) {
      let longest = 0;
      for (let t = 0; t < this.tables.terms.size; t++) longest = Math.max(longest, this.tables.terms.lengthAt(t));
      this.longestTermLength = longest;
    }
    return this.longestTermLength;
  }

  /** `fuzzyMatches`, remembered: a typo comes back in the next questions, and each walk visits every term. */
  private fuzzyMatchesOf(term: string, maxDistance: number): Int32Array {
    const cached = this.fuzzyCache.get(term);
    if (cached) {
      this.fuzzyCache.delete(term);
      this.fuzzyCache.set(term, cached);
      return cached;
    }
    const found: number[] = [];
    this.fuzzyMatches(term, maxDistance, (match, distance) => found.push(match, distance));
    const matches = Int32Array.from(found);
    if (this.fuzzyCache.size >= FUZZY_CACHE_TERMS) this.fuzzyCache.delete(this.fuzzyCache.keys().next().value ?? '');
    this.fuzzyCache.set(term, matches);
    return matches;
  }

  private addPostings(term: number, weight: number, count: number): number {
    if (term < 0) return count;
    const { termRuns, runField, runStart, postingGap, postingFreq, fieldLength, averageFieldLength } = this.tables;
    const documents = this.tables.docTips.length;
    const { termScore, termTouched } = this;
    for (let r = termRuns[term] ?? 0; r < (termRuns[term + 1] ?? 0); r++) {
      const f = runField[r] ?? 0;
      const start = runStart[r] ?? 0;
      const end = runStart[r + 1] ?? start;
      const matching = end - start;
      const averageLength = averageFieldLength[f] ?? 0;
      // Evaluated as MiniSearch does, operation for operation: the scores must be the same bits.
      const fieldWeight = weight * (BOOST[f] ?? 1);
      const invDocFreq = Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
      let d = 0;
      for (let p = start; p < end; p++) {
        d += postingGap[p] ?? 0;
        const freq = postingFreq[p] ?? 0;
        const length = fieldLength[d * FIELDS.length + f] ?? 0;
        const raw =
          invDocFreq *
          (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
        const score = fieldWeight * raw;
        if (termScore[d] === 0) termTouched[count++] = d;
        termScore[d] = (termScore[d] ?? 0) + score;
      }
    }
    return count;
  }

  /**
   * Every indexed term within `maxDistance` edits (Levenshtein) of `query`, in MiniSearch's order:
   * its fuzzy search walks its term tree with one row of the edit-distance matrix per letter, and
   * the terms here are in that tree's order with the prefix each shares with the previous one, so
   * the rows of a shared prefix are kept and a prefix already too far skips every term under it.
   * The matrix arithmetic is MiniSearch's (a byte matrix, a band of `maxDistance` around the
   * diagonal), so the same terms come back with the same distances.
   */
  private fuzzyMatches(query: string, maxDistance: number, onMatch: (term: number, distance: number) => void): void {
    const { terms, shared } = this.tables;
    const n = query.length + 1;
    const m = n + maxDistance;
    if (this.fuzzyMatrix.length < m * n) this.fuzzyMatrix = new Uint8Array(m * n);
    const matrix = this.fuzzyMatrix;
    matrix.fill(maxDistance + 1, 0, m * n);
    for (let j = 0; j < n; ++j) matrix[j] = j;
    for (let i = 1; i < m; ++i) matrix[i * n] = i;
    const queryCodes = Array.from({ length: query.length }, (_, j) => query.charCodeAt(j));
    // Rows 1 … `valid` hold the previous term's prefix; `pruned` is the row at which it went too far.
    let valid = 0;
    let pruned = Infinity;
    for (let t = 0; t < terms.size; t++) {
      const common = shared[t] ?? 0;
      if (common >= pruned) continue;
      pruned = Infinity;
      const length = terms.lengthAt(t);
      let i = Math.min(valid, common) + 1;
      // Rows past the matrix (a term longer than the query plus maxDistance) never match.
      const last = Math.min(length, m - 1);
      for (; i <= last; ++i) {
        const char = terms.codeAt(t, i - 1);
        const thisRowOffset = n * i;
        const prevRowOffset = thisRowOffset - n;
        let minDistance = matrix[thisRowOffset] ?? 0;
        const jmin = Math.max(0, i - maxDistance - 1);
        const jmax = Math.min(n - 1, i + maxDistance);
        for (let j = jmin; j < jmax; ++j) {
          const different = char !== queryCodes[j] ? 1 : 0;
          const rpl = (matrix[prevRowOffset + j] ?? 0) + different;
          const del = (matrix[prevRowOffset + j + 1] ?? 0) + 1;
          const ins = (matrix[thisRowOffset + j] ?? 0) + 1;
          const dist = Math.min(rpl, del, ins);
          matrix[thisRowOffset + j + 1] = dist;
          if (dist < minDistance) minDistance = dist;
        }
        if (minDistance > maxDistance) break;
      }
      if (i <= last) {
        // Row i went too far: no term that starts with these i letters is within reach.
        pruned = i;
        valid = i - 1;
        continue;
      }
      valid = last;
      if (length > m - 1) continue;
      const distance = matrix[length * n + n - 1] ?? 0;
      if (distance <= maxDistance && distance > 0) onMatch(t, distance);
    }
  }
}

/** The tip id of a passage id (`tipId`, `tipId#f2`, `tipId#x0`). */
function passageTipId(id: string): string {
  const hash = id.indexOf('#');
  return hash < 0 ? id : id.slice(0, hash);
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
