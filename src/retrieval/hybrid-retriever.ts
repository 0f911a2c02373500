import { LRUCache } from 'lru-cache';
import type { Tip } from '../knowledge/types.js';
import type { Embedder } from './embedder.js';
import type { FacetVectors } from './facet-vectors.js';
import { facetTipId, NOT_COVERED_ID, UNCOVERED_MEMORY_ID } from './index-artifacts.js';
import type { LexicalIndex } from './lexical-index.js';
import type { QueryAnalysis, QueryAnalyzer } from './query-analyzer.js';
import type { CoverageDetail, TermCoverage } from './term-coverage.js';

export interface ScoredTip {
  readonly tip: Tip;
  /**
   * Relevance in [0, 1] that the answerer abstains on: the weighted sum of the three signals
   * below, damped when a not-covered topic explains the question better than the tip does.
   */
  readonly score: number;
  /** Best cosine similarity of the query with any of the tip's facets, clamped to [0, 1]. */
  readonly vectorScore: number;
  /** Best BM25 score over the tip's facets, squashed to [0, 1) by `s / (s + lexicalHalfPoint)`. */
  readonly lexicalScore: number;
  /** Share of the query's weighted words the tip accounts for (see TermCoverage); 0 without one. */
  readonly coverage: number;
  /** The best coverage of the query by a topic the knowledge does not cover (the same for every tip). */
  readonly notCovered: number;
  /**
   * The share of the query's words (weighted by rarity) that a memory topic the guidance has no
   * tip for explains beyond what any tip explains (the best such topic; the same for every tip;
   * see `uncoveredTopicGroups`): high when the question turns on `__slots__` or `gc.freeze`, which
   * no tip talks about. It is about Python memory, but the guidance does not answer it.
   */
  readonly uncovered?: number;
  /** Which query words this tip accounts for (see {@link WordMatches}). */
  readonly words?: WordMatches;
}

/**
 * The query's weighable words (stop words left out), their rarity weights (shared by every tip of
 * a query), and how well one tip accounts for each, in [0, 1]. Citations use it to cite a second
 * tip only when it explains words of the question the first one does not.
 */
export interface WordMatches {
  readonly words: readonly string[];
  readonly weights: ArrayLike<number>;
  readonly matches: ArrayLike<number>;
}

export interface FusionWeights {
  readonly vector: number;
  readonly lexical: number;
  readonly coverage: number;
}

export interface FusionOptions {
  /** Default vector 0.4, lexical 0.3, coverage 0.3 (chosen with `npm run eval`). */
  readonly weights?: FusionWeights;
  /**
   * BM25 score that maps to 0.5. Default 32: a long real question matches several words of most
   * units' passages, and with a lower point every candidate's lexical score sat near 1 and told
   * them apart no more (chosen with `npm run eval` once the knowledge held 60 units).
   */
  readonly lexicalHalfPoint?: number;
  /**
   * How sharply a better-fitting not-covered topic damps a tip: the score is multiplied by
   * `sigmoid((coverage - notCovered) / softness)`. Default 0.1.
   */
  readonly notCoveredSoftness?: number;
}

/** Default of `HybridRetrieverOptions.queryCacheSize`. */
export const DEFAULT_QUERY_CACHE_SIZE = 1_000;
/** Longer queries (a pasted snippet after the question) are rarely asked twice: not cached. */
const CACHED_QUERY_MAX_CHARS = 2_000;

export const DEFAULT_FUSION: Required<FusionOptions> = {
  weights: { vector: 0.4, lexical: 0.3, coverage: 0.3 },
  lexicalHalfPoint: 32,
  notCoveredSoftness: 0.1,
};

export interface HybridRetrieverOptions extends FusionOptions {
  readonly tips: readonly Tip[];
  /** One vector per tip facet (see `tipFacets`), from the build's `index.json`. */
  readonly vectors: FacetVectors;
  readonly lexical: LexicalIndex;
  readonly embedder: Embedder;
  /** Typo correction and domain vocabulary; without it the query is searched as asked. */
  readonly analyzer?: QueryAnalyzer;
  /** Word-level coverage of the query by each tip and by the not-covered topics. */
  readonly coverage?: TermCoverage;
  /**
   * Called when the embedder fails at query time (a remote service down); the search then goes on
   * with the other signals. Without it the error propagates.
   */
  readonly onEmbedderError?: (error: unknown) => void;
  /**
   * How many recent queries keep their scores (least recently used first out), so a question
   * asked again, or searched twice while a follow-up is resolved, is scored once. Scores depend
   * on the query alone (the index never changes), and a search whose embedder failed is not
   * kept. Queries over 2,000 characters are not kept. Default 1,000 (a few MB at most); 0 turns
   * it off, to time the search itself.
   */
  readonly queryCacheSize?: number;
}

/**
 * Hybrid search over tip facets: cosine similarity of the facet vectors, MiniSearch BM25 and word
 * coverage of the analyzed query, fused by a weighted sum that keeps how strong a match is (which
 * the answerer abstains on), then damped when the question is better explained by a topic the
 * guidance does not cover ("how do I sort a dict by value" shares "dict" with a tip but is about
 * sorting).
 *
 * @example
 * const [best] = await retriever.search('my script eats all my RAM', 3);
 */
export class HybridRetriever {
  private readonly fusion: Required<FusionOptions>;
  private readonly recent: LRUCache<string, readonly ScoredTip[]> | undefined;
  private failures = 0;

  constructor(private readonly options: HybridRetrieverOptions) {
    this.fusion = {
      weights: options.weights ?? DEFAULT_FUSION.weights,
      lexicalHalfPoint: options.lexicalHalfPoint ?? DEFAULT_FUSION.lexicalHalfPoint,
      notCoveredSoftness: options.notCoveredSoftness ?? DEFAULT_FUSION.notCoveredSoftness,
    };
    const cacheSize = options.queryCacheSize ?? DEFAULT_QUERY_CACHE_SIZE;
    this.recent = cacheSize > 0 ? new LRUCache({ max: cacheSize }) : undefined;
  }

  get embedderId(): string {
    return this.options.embedder.id;
  }

  /**
   * How many searches so far went on without the embedder (it failed, see `onEmbedderError`).
   * Whoever caches something built from a search compares it before and after: a degraded
   * result must not be kept.
   */
  get embedderFailures(): number {
    return this.failures;
  }

  /** The query as the retriever searches it: typos corrected, domain words added. */
  analyze(query: string): QueryAnalysis {
    return (
      this.options.analyzer?.analyze(query) ?? {
        text: query,
        expanded: query,
        corrections: [],
        expansions: [],
        terms: [],
      }
    );
  }

  /** The `k` most relevant tips, best first; tips with no signal at all are left out. */
  async search(query: string, k: number): Promise<ScoredTip[]> {
    const scored = (await this.scoreAll(query)).filter((s) => s.score > 0);
    return scored.sort((a, b) => b.score - a.score || a.tip.id.localeCompare(b.tip.id)).slice(0, k);
  }

  /** Every tip with all signals and the fused score, in tip order (for evaluation). */
  async scoreAll(query: string): Promise<ScoredTip[]> {
    const cached = this.recent?.get(query);
    if (cached) return [...cached];
    const { scored, embedderFailed } = await this.score(query);
    if (!embedderFailed && query.length <= CACHED_QUERY_MAX_CHARS) this.recent?.set(query, scored);
    return [...scored];
  }

  private async score(query: string): Promise<{ scored: ScoredTip[]; embedderFailed: boolean }> {
    const analysis = this.analyze(query);
    const { cosine, embedderFailed } = await this.vectorScores(analysis.expanded);
    const bm25 = this.lexicalScores(analysis.expanded);
    const detail = this.options.coverage?.detail(analysis.terms);
    const coverage = detail?.groups;
    const { weights, lexicalHalfPoint, notCoveredSoftness } = this.fusion;
    let notCovered = 0;
    let bestCoverage = 0;
    for (const [id, group] of coverage ?? []) {
      if (id.startsWith(NOT_COVERED_ID)) notCovered = Math.max(notCovered, group.coverage);
      else if (!id.startsWith(UNCOVERED_MEMORY_ID)) bestCoverage = Math.max(bestCoverage, group.coverage);
    }
    const uncovered = detail ? uncoveredShare(detail) : 0;
    // One damping factor per query, so it decides abstention without reordering the tips.
    const damping = coverage ? sigmoid((bestCoverage - notCovered) / notCoveredSoftness) : 1;

    const scored = this.options.tips.map((tip): ScoredTip => {
      const vectorScore = cosine.get(tip.id) ?? 0;
      const raw = bm25.get(tip.id) ?? 0;
      const lexicalScore = raw / (raw + lexicalHalfPoint);
      const group = coverage?.get(tip.id);
      const tipCoverage = group?.coverage ?? 0;
      let score: number;
      if (coverage) {
        const fused = weights.vector * vectorScore + weights.lexical * lexicalScore + weights.coverage * tipCoverage;
        score = fused * damping;
      } else {
        score =
          (weights.vector * vectorScore + weights.lexical * lexicalScore) / (weights.vector + weights.lexical || 1);
      }
      return {
        tip,
        score: round(score),
        vectorScore: round(vectorScore),
        lexicalScore: round(lexicalScore),
        coverage: round(tipCoverage),
        notCovered: round(notCovered),
        uncovered: round(uncovered),
        ...(detail && group ? { words: { words: detail.words, weights: detail.weights, matches: group.matches } } : {}),
      };
    });
    return { scored, embedderFailed };
  }

  /** Best facet cosine per tip; empty when the embedder knows no word or (with a handler) fails. */
  private async vectorScores(text: string): Promise<{ cosine: Map<string, number>; embedderFailed: boolean }> {
    const cosine = new Map<string, number>();
    let vector: number[] | undefined;
    try {
      [vector] = await this.options.embedder.embed([text]);
    } catch (err) {
      if (!this.options.onEmbedderError) throw err;
      this.failures += 1;
      this.options.onEmbedderError(err);
      return { cosine, embedderFailed: true };
    }
    if (!vector || vector.every((x) => x === 0)) return { cosine, embedderFailed: false };
    for (const hit of this.options.vectors.similarities(vector)) {
      // A facet with no known word has a zero vector: its cosine is NaN.
      if (!Number.isFinite(hit.score)) continue;
      const id = facetTipId(hit.id);
      cosine.set(id, Math.max(cosine.get(id) ?? 0, hit.score));
    }
    return { cosine, embedderFailed: false };
  }

  /** Best facet BM25 per tip. */
  private lexicalScores(text: string): Map<string, number> {
    const scores = new Map<string, number>();
    for (const hit of this.options.lexical.query(text)) {
      const id = facetTipId(hit.id);
      scores.set(id, Math.max(scores.get(id) ?? 0, hit.score));
    }
    return scores;
  }
}

/**
 * The best share of the query's weighted words an uncovered memory topic accounts for beyond the
 * best tip's match of each word: Σ weight × max(0, topic match − best tip match) / Σ weight.
 */
function uncoveredShare(detail: CoverageDetail): number {
  const n = detail.weights.length;
  const tipBest = new Float32Array(n);
  const topics: Float32Array[] = [];
  for (const [id, group] of detail.groups) {
    if (id.startsWith(UNCOVERED_MEMORY_ID)) topics.push(group.matches);
    else if (!id.startsWith(NOT_COVERED_ID))
      for (let i = 0; i < n; i++) tipBest[i] = Math.max(tipBest[i] ?? 0, group.matches[i] ?? 0);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += detail.weights[i] ?? 0;
  if (total === 0) return 0;
  let best = 0;
  for (const matches of topics) {
    let beyond = 0;
    for (let i = 0; i < n; i++) beyond += (detail.weights[i] ?? 0) * Math.max(0, (matches[i] ?? 0) - (tipBest[i] ?? 0));
    best = Math.max(best, beyond / total);
  }
  return best;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
