import { LRUCache } from 'lru-cache';
import type { Tip } from '../knowledge/types.js';
import type { Embedder } from './embedder.js';
import type { FacetVectors } from './facet-vectors.js';
import type { LexicalIndex } from './lexical-index.js';
import { NamedApiIndex } from './named-apis.js';
import type { QueryAnalysis, QueryAnalyzer } from './query-analyzer.js';
import type { QuestionClassifier } from './question-classifier.js';
import { withoutAddresses, withoutFolders } from './scope.js';
import { escapeRegExp, tokenize } from './tokenize.js';
import { type CoverageMatches, type TermCoverage } from './term-coverage.js';

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
  /** The question has one of the unit's `beside` words (see `Tip.beside`): it may be cited beside a unit it `see`s. */
  readonly besideAsked?: true;
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
  /**
   * How much the question classifier (when the index has one) may lower a tip's score: the fused
   * score is multiplied by `1 - w + w · p / pBest`, where `p` is the classifier's probability for
   * the tip and `pBest` the best one, and all are then rescaled so that the best tip scores what
   * the similarity signals gave the best match. It reorders close tips; how strong the best match
   * is, which abstention and confidence read, stays the similarity signals' (the classifier always
   * points somewhere, even for a question no unit answers). Default 0.2, chosen with
   * `npm run eval` on the tuning questions (0.05–0.4 measured, added or multiplied).
   */
  readonly classifierWeight?: number;
}

/**
 * How many distinct words the question classifier must know for its verdict to count in full;
 * under it, in proportion. One or two words (a unit's title, "Garbage Collection") give it too
 * little to go on: their best class scored 0.17 against 0.10. Chosen with `npm run eval` on the
 * tuning questions (1–6 measured; 3 scores as 1 there and keeps each tip first by its own title).
 */
export const CLASSIFIER_EVIDENCE_TERMS = 3;

/** Default of `HybridRetrieverOptions.queryCacheSize`. */
export const DEFAULT_QUERY_CACHE_SIZE = 1_000;
/** Longer queries (a pasted snippet after the question) are rarely asked twice: not cached. */
const CACHED_QUERY_MAX_CHARS = 2_000;

export const DEFAULT_FUSION: Required<FusionOptions> = {
  weights: { vector: 0.4, lexical: 0.3, coverage: 0.3 },
  lexicalHalfPoint: 32,
  notCoveredSoftness: 0.1,
  classifierWeight: 0.2,
};

export interface HybridRetrieverOptions extends FusionOptions {
  readonly tips: readonly Tip[];
  /** One vector per tip facet (see `tipFacets`), from the build. */
  readonly vectors: FacetVectors;
  /** Each facet's index in `tips`, -1 for a facet left out (`KNOWLEDGE_FILES`). */
  readonly facetTips: Int32Array;
  readonly lexical: LexicalIndex;
  /** Each BM25 passage's index in `tips`, -1 for one left out. */
  readonly passageTips: Int32Array;
  readonly embedder: Embedder;
  /** Typo correction and domain vocabulary; without it the query is searched as asked. */
  readonly analyzer?: QueryAnalyzer;
  /** Word-level coverage of the query by each tip and by the not-covered topics. */
  readonly coverage?: TermCoverage;
  /** Each coverage owner's index in `tips`, -1 for a phrase or topic (see TermCoverage.ownerIds). */
  readonly coverageTips?: Int32Array;
  /**
   * Called when the embedder fails at query time (a remote service down); the search then goes on
   * with the other signals. Without it the error propagates.
   */
  readonly onEmbedderError?: (error: unknown) => void;
  /**
   * How many recent queries keep their scores (least recently used first out), so a question
   * asked again, or searched twice while a follow-up is resolved, is scored once. Scores depend
   * on the query alone (the index never changes), and a search whose embedder failed is not
   * kept. Queries over 2,000 characters are not kept. Default 1,000 (about 10 bytes per tip and
   * query: 10 MB for a 1,000-unit knowledge); 0 turns it off, to time the search itself.
   */
  readonly queryCacheSize?: number;
  /** See {@link guidanceFirst}: how close a primary tip must score to go first; 0 (the default) turns it off. */
  readonly primaryMargin?: number;
  /** Which unit a question's words point to, learned from example questions (see QuestionClassifier). */
  readonly classifier?: QuestionClassifier;
  /** Each classifier class's index in `tips`, -1 for one left out (`KNOWLEDGE_FILES`). */
  readonly classifierTips?: Int32Array;
  /** The plain words the knowledge writes only as code (`KnowledgeArtifact.codeWords`): names, like identifiers (see NamedApiIndex). */
  readonly codeWords?: readonly string[];
}

/**
 * One query's scores, compact: each signal per tip in ten-thousandths (the scores are rounded to
 * 4 decimals, so `n / 1e4` is the very number), and the per-word matches for citations. Kept in
 * the query cache; ScoredTip objects are made only for the tips a caller asks for.
 */
interface QueryScores {
  readonly score: RoundedScores;
  readonly vector: RoundedScores;
  readonly lexical: RoundedScores;
  readonly coverage: RoundedScores;
  readonly notCovered: number;
  readonly uncovered: number;
  readonly matches?: CoverageMatches;
  /** The tips whose `beside` words the query has (few: only units that declare them). */
  readonly besideAsked?: readonly number[];
}

/**
 * Hybrid search over tip facets: cosine similarity of the facet vectors, BM25 and word coverage
 * of the analyzed query, fused by a weighted sum that keeps how strong a match is (which the
 * answerer abstains on), then damped when the question is better explained by a topic the
 * guidance does not cover ("how do I sort a dict by value" shares "dict" with a tip but is about
 * sorting).
 *
 * Each signal writes its per-tip best into a typed array indexed like `tips` (no map by tip id,
 * no object per facet or passage), and a search makes ScoredTip objects only for the `k` tips it
 * returns: with 1,000 units that is most of what a search used to spend beyond the scoring itself.
 *
 * @example
 * const [best] = await retriever.search('my script eats all my RAM', 3);
 */
export class HybridRetriever {
  private readonly fusion: Required<FusionOptions>;
  private readonly recent: LRUCache<string, QueryScores> | undefined;
  private readonly primaryMargin: number;
  private readonly ids: readonly string[];
  /** Each unit's position in `options.tips`, by id. */
  private readonly positions: ReadonlyMap<string, number>;
  /** Per tip, the coverage owner that reports it (-1 for none). */
  private readonly tipOwner: Int32Array;
  // Scratch of one search, reused: everything after the embedding is synchronous.
  private readonly cosine: Float64Array;
  private readonly bm25: Float64Array;
  private readonly classified: Float64Array;
  private readonly classProbabilities: Float64Array;
  /** Per tip, the question classifier's probability for it (0 without a class or full evidence). */
  private readonly tipProbability: Float64Array;
  private readonly fused: Float64Array;
  /** Which unit names which API (`np.concatenate`, `float32`): see {@link deeperUnitFirstInPlace}. */
  private readonly apis: NamedApiIndex;
  /** Each guidance tip that units deepen (`<!-- see: id -->` naming it), with those units. */
  private readonly deepenedBy: readonly { readonly tip: number; readonly units: readonly number[] }[];
  /** The units that say which words open them (`Tip.when`), each with those words as one expression. */
  private readonly gates: readonly { readonly tip: number; readonly words: RegExp }[];
  /** The units cited beside another for some questions (`Tip.beside`), each with those words as one expression. */
  private readonly besides: readonly { readonly tip: number; readonly words: RegExp }[];
  /**
   * The units cited only to answer a report no unit clearly matches (`Tip.triage`): never ranked,
   * since the index has no facet, passage or coverage words of theirs (`tipFacets`, `tipPassages`).
   */
  private readonly triages: readonly {
    readonly tip: number;
    readonly words: RegExp;
    /** Its `decisive` words (`Tip.decisive`), if any. */
    readonly decisive?: RegExp;
  }[];
  /** Per tip, 1 when the query being scored does not open it (scratch, like `cosine`). */
  private readonly closedTip: Uint8Array;
  /** The same per coverage owner, for {@link TermCoverage.query}. */
  private readonly closedOwner: Uint8Array;
  private failures = 0;

  constructor(private readonly options: HybridRetrieverOptions) {
    this.fusion = {
      weights: options.weights ?? DEFAULT_FUSION.weights,
      lexicalHalfPoint: options.lexicalHalfPoint ?? DEFAULT_FUSION.lexicalHalfPoint,
      notCoveredSoftness: options.notCoveredSoftness ?? DEFAULT_FUSION.notCoveredSoftness,
      classifierWeight: options.classifierWeight ?? DEFAULT_FUSION.classifierWeight,
    };
    const cacheSize = options.queryCacheSize ?? DEFAULT_QUERY_CACHE_SIZE;
    this.recent = cacheSize > 0 ? new LRUCache({ max: cacheSize }) : undefined;
    this.primaryMargin = options.primaryMargin ?? 0;
    this.ids = options.tips.map((t) => t.id);
    const count = options.tips.length;
    this.tipOwner = new Int32Array(count).fill(-1);
    options.coverageTips?.forEach((tip, owner) => {
      if (tip >= 0 && (this.tipOwner[tip] ?? -1) < 0) this.tipOwner[tip] = owner;
    });
    this.cosine = new Float64Array(count);
    this.bm25 = new Float64Array(count);
    this.classified = new Float64Array(count);
    this.classProbabilities = new Float64Array(options.classifier?.classes.size ?? 0);
    this.tipProbability = new Float64Array(count);
    this.fused = new Float64Array(count);
    const index = new Map(options.tips.map((t, i) => [t.id, i]));
    this.positions = index;
    const deepenedBy = new Map<number, number[]>();
    options.tips.forEach((tip, u) => {
      // A triage unit deepens no tip: it is never ranked (`Tip.triage`).
      if (tip.triage) return;
      for (const id of tip.see) {
        const t = index.get(id);
        if (t === undefined || !options.tips[t]?.primary) continue;
        const units = deepenedBy.get(t) ?? [];
        units.push(u);
        deepenedBy.set(t, units);
      }
    });
    this.deepenedBy = [...deepenedBy].map(([tip, units]) => ({ tip, units }));
    this.apis = new NamedApiIndex(options.tips, options.codeWords);
    this.gates = options.tips.flatMap((tip, t) =>
      tip.when?.length ? [{ tip: t, words: openingWords(tip.when) }] : [],
    );
    this.besides = options.tips.flatMap((tip, t) =>
      tip.beside?.length ? [{ tip: t, words: openingWords(tip.beside) }] : [],
    );
    this.triages = options.tips.flatMap((tip, t) =>
      tip.triage?.length
        ? [
            {
              tip: t,
              words: openingWords([...tip.triage, ...(tip.decisive ?? [])]),
              ...(tip.decisive?.length ? { decisive: openingWords(tip.decisive) } : {}),
            },
          ]
        : [],
    );
    this.closedTip = new Uint8Array(count);
    this.closedOwner = new Uint8Array(options.coverage?.ownerKinds.length ?? 0);
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

  /**
   * The unit that says how to find the cause of what `query` reports: the first, in knowledge
   * order, whose `triage` words it has (see `Tip.triage`; "grows until OOM-killed" is growth, so
   * the unit on growth comes before the one on a single peak); undefined when none. Such a unit is
   * never ranked by `search`: the answer policy cites it for a report no ranked unit clearly
   * matches.
   *
   * @example retriever.triageFor('Memory leak. RSS keeps growing after every request …')?.id // 'leaks--which-kind-of-growth'
   */
  triageFor(query: string): Tip | undefined {
    return this.triageOf(query)?.unit;
  }

  /**
   * {@link triageFor}, with whether `query` also has one of that unit's `decisive` words (see
   * `Tip.decisive`: "the kernel appears to have died", "kernel keeps dying"), for which the answer
   * policy cites it first whatever the ranking. One pass for what a search needs of both.
   */
  triageOf(query: string): { readonly unit: Tip; readonly decides: boolean } | undefined {
    // The question as written: its words are everyday ones ("leak", "keeps growing"), and a second
    // analysis of a long report (spelling, expansions) would cost as much as its search.
    // A link's words are not the report's ("…/issues/memory-leak-on-reload").
    const report = withoutAddresses(query);
    const found = this.triages.find(({ words }) => words.test(report));
    const unit = found && this.options.tips[found.tip];
    return found && unit ? { unit, decides: found.decisive?.test(report) === true } : undefined;
  }

  /**
   * Whether `query` names an API that one of `units` names and that is specific to it
   * (`NamedApiIndex.isSpecificTo`), or one of its `beside` words: "use WeakValueDictionary for the
   * image registry" names the unit on `WeakValueDictionary`, "each call to VideoCapture" the unit
   * on native memory (`beside: …, videocapture`); "data type float64" in a pasted error names no
   * unit, since many show `float64`. Read as written, like the named-API rule of `search`.
   */
  namesApiOf(query: string, units: readonly Tip[]): boolean {
    const apis = this.apis.namedIn(query);
    if (apis.length === 0) return false;
    return units.some((unit) => {
      const at = this.positions.get(unit.id) ?? -1;
      const beside = unit.beside ?? [];
      return (
        at >= 0 &&
        apis.some((api) => (this.apis.names(at, api) && this.apis.isSpecificTo(at, api)) || beside.includes(api))
      );
    });
  }

  /** The query as the retriever searches it: typos corrected, domain words added. */
  analyze(query: string): QueryAnalysis {
    return (
      this.options.analyzer?.analyze(query) ?? {
        text: query,
        searched: query,
        expanded: query,
        corrections: [],
        expansions: [],
        terms: [],
      }
    );
  }

  /**
   * The `k` most relevant tips, best first; tips with no signal at all are left out. `reweigh`,
   * when given, sets each tip's score from its index (in tip order) and fused score before the
   * ranking, and the tips it leaves at 0 are left out: a follow-up leans toward its own words this
   * way (see `searchResolved`) without building every tip's result, of which an answer keeps 3.
   */
  async search(query: string, k: number, reweigh?: (tip: number, score: number) => number): Promise<ScoredTip[]> {
    const scores = await this.scores(query);
    const { score } = scores;
    const ids = this.ids;
    const reweighed = reweigh && Float64Array.from({ length: ids.length }, (_, t) => reweigh(t, score.get(t)));
    const candidates: number[] = [];
    for (let t = 0; t < ids.length; t++) if ((reweighed ? (reweighed[t] ?? 0) : score.get(t)) > 0) candidates.push(t);
    // Best first; equal scores by tip id, as `localeCompare` orders them.
    const higher = reweighed
      ? (a: number, b: number) => (reweighed[b] ?? 0) - (reweighed[a] ?? 0)
      : score.compare.bind(score);
    const before = (a: number, b: number) => higher(a, b) || (ids[a] ?? '').localeCompare(ids[b] ?? '') || a - b;
    const best =
      Number.isInteger(k) && k > 0 && k < candidates.length
        ? topK(candidates, k, before)
        : candidates.sort(before).slice(0, k);
    // A unit the question asks beside another (`Tip.beside`: the native-memory unit for "cv2 leaks")
    // is returned whatever its rank, after the `k` best: whether it is cited is the answer's call.
    for (const t of scores.besideAsked ?? []) if (!best.includes(t) && candidates.includes(t)) best.push(t);
    return best.map((t) =>
      reweighed ? { ...this.scoredTip(scores, t), score: reweighed[t] ?? 0 } : this.scoredTip(scores, t),
    );
  }

  /** Every tip's fused score, in tip order: what `search` ranks by. */
  async fusedScores(query: string): Promise<Float64Array> {
    const { score } = await this.scores(query);
    return Float64Array.from({ length: score.length }, (_, t) => score.get(t));
  }

  /** Every tip with all signals and the fused score, in tip order (for evaluation). */
  async scoreAll(query: string): Promise<ScoredTip[]> {
    const scores = await this.scores(query);
    return this.options.tips.map((_, t) => this.scoredTip(scores, t));
  }

  private async scores(query: string): Promise<QueryScores> {
    const cached = this.recent?.get(query);
    if (cached) return cached;
    const { scores, embedderFailed } = await this.score(query);
    if (!embedderFailed && query.length <= CACHED_QUERY_MAX_CHARS) this.recent?.set(query, scores);
    return scores;
  }

  private scoredTip(scores: QueryScores, t: number): ScoredTip {
    const tip = this.options.tips[t] as Tip;
    const owner = this.tipOwner[t] ?? -1;
    const { matches } = scores;
    return {
      tip,
      score: scores.score.get(t),
      vectorScore: scores.vector.get(t),
      lexicalScore: scores.lexical.get(t),
      coverage: scores.coverage.get(t),
      notCovered: scores.notCovered,
      uncovered: scores.uncovered,
      ...(matches && owner >= 0
        ? { words: { words: matches.words, weights: matches.weights, matches: matches.of(owner) } }
        : {}),
      ...(scores.besideAsked?.includes(t) ? { besideAsked: true as const } : {}),
    };
  }

  private async score(query: string): Promise<{ scores: QueryScores; embedderFailed: boolean }> {
    const analysis = this.analyze(query);
    const embedded = await this.embed(analysis.expanded);
    // From here on everything is synchronous: the scratch arrays belong to this search.
    const { cosine, bm25, tipOwner } = this;
    const { tips, coverage: termCoverage } = this.options;
    cosine.fill(0);
    bm25.fill(0);
    if (embedded.vector) this.options.vectors.bestByTip(embedded.vector, this.options.facetTips, cosine);
    // Tokenized once, for BM25 and the question classifier.
    const queryTerms = tokenize(analysis.expanded);
    this.options.lexical.bestByTip(queryTerms, this.options.passageTips, bm25);
    // A unit the question does not open (`Tip.when`) scores nothing and explains none of its words.
    const { closedTip, closedOwner } = this;
    closedTip.fill(0);
    closedOwner.fill(0);
    // The words that open units (`when`) or bring them beside (`beside`): a library named only in a
    // link (`discuss.pytorch.org/t/…`) is where a thread is, and a folder of a traceback's path
    // (`C:\Users\me\Downloads\`) where a file is, not what the asker uses.
    const opening = withoutFolders(withoutAddresses(analysis.expanded));
    for (const { tip, words } of this.gates) {
      if (words.test(opening)) continue;
      closedTip[tip] = 1;
      cosine[tip] = 0;
      bm25[tip] = 0;
      const owner = tipOwner[tip] ?? -1;
      if (owner >= 0) closedOwner[owner] = 1;
    }
    const covered = termCoverage?.query(analysis.terms, this.gates.length > 0 ? closedOwner : undefined);
    const { weights, lexicalHalfPoint, notCoveredSoftness, classifierWeight } = this.fusion;
    const bestCoverage = covered?.bestTip ?? 0;
    const notCovered = covered?.notCovered ?? 0;
    // One damping factor per query, so it decides abstention without reordering the tips.
    const damping = covered ? sigmoid((bestCoverage - notCovered) / notCoveredSoftness) : 1;

    const count = tips.length;
    // The classifier's probability per tip relative to its best (1 for the unit it points to),
    // counted in proportion to its evidence; a tip it has no class for (no example questions)
    // keeps 1: no evidence either way.
    const { classifier, classifierTips } = this.options;
    const classifierShare = classifier && classifierTips ? classifierWeight : 0;
    const { classified, classProbabilities: probabilities, tipProbability } = this;
    classified.fill(1);
    tipProbability.fill(0);
    if (classifier && classifierTips && classifierShare > 0) {
      const known = classifier.probabilities(queryTerms, probabilities);
      const evidence = Math.min(1, known / CLASSIFIER_EVIDENCE_TERMS);
      let top = 0;
      for (let c = 0; c < classifierTips.length; c++) {
        const t = classifierTips[c] ?? -1;
        if (t >= 0 && !closedTip[t]) top = Math.max(top, probabilities[c] ?? 0);
      }
      for (let c = 0; c < classifierTips.length; c++) {
        const t = classifierTips[c] ?? -1;
        if (t < 0) continue;
        classified[t] = 1 - evidence * (1 - (top > 0 ? (probabilities[c] ?? 0) / top : 1));
        // Kept only on full evidence: the deeper-unit rule reads it as odds (see DEEPER_UNIT_ODDS).
        if (evidence >= 1) tipProbability[t] = probabilities[c] ?? 0;
      }
      // The classifier picks the topic; within it the guidance goes first (see guidanceFirst):
      // a guidance tip is not discounted when the unit it points to deepens that tip.
      for (const { tip, units } of this.deepenedBy)
        for (const u of units) if (!closedTip[u]) classified[tip] = Math.max(classified[tip] ?? 0, classified[u] ?? 0);
    }
    const score = new RoundedScores(count);
    const fused = this.fused;
    let bestSimilar = 0;
    let bestReordered = 0;
    const vector = new RoundedScores(count);
    const lexical = new RoundedScores(count);
    const coverage = new RoundedScores(count);
    for (let t = 0; t < count; t++) {
      const vectorScore = cosine[t] ?? 0;
      const raw = bm25[t] ?? 0;
      const lexicalScore = raw / (raw + lexicalHalfPoint);
      const owner = tipOwner[t] ?? -1;
      const tipCoverage = covered?.matches && owner >= 0 ? (covered.coverage[owner] ?? 0) : 0;
      const similar = covered
        ? weights.vector * vectorScore + weights.lexical * lexicalScore + weights.coverage * tipCoverage
        : (weights.vector * vectorScore + weights.lexical * lexicalScore) / (weights.vector + weights.lexical || 1);
      bestSimilar = Math.max(bestSimilar, similar);
      const reordered = similar * (1 - classifierShare + classifierShare * (classified[t] ?? 0));
      bestReordered = Math.max(bestReordered, reordered);
      fused[t] = reordered * damping;
      vector.set(t, vectorScore);
      lexical.set(t, lexicalScore);
      coverage.set(t, tipCoverage);
    }
    // Rescaled so the best tip scores what the similarity signals gave the best match: the
    // classifier decides the order, never how strong the best match is.
    const rescale = bestReordered > 0 ? bestSimilar / bestReordered : 1;
    for (let t = 0; t < count; t++) score.set(t, (fused[t] ?? 0) * rescale);
    if (this.primaryMargin > 0) {
      // The word matches of the best unit and the guidance tips near it: what `beyond` compares.
      const matched = (t: number): Pick<ScoredTip, 'coverage' | 'words'> => {
        const owner = tipOwner[t] ?? -1;
        const matches = covered?.matches;
        return {
          coverage: coverage.get(t),
          ...(matches && owner >= 0
            ? { words: { words: matches.words, weights: matches.weights, matches: matches.of(owner) } }
            : {}),
        };
      };
      guidanceFirstInPlace(score, tips, this.primaryMargin, SPECIFICITY_MARGIN, FOLLOW_MARGIN, (best, near) =>
        beyond(matched(best), near.map(matched)),
      );
      if (classifierShare > 0)
        deeperUnitFirstInPlace(
          score,
          tips,
          this.ids,
          DEEPER_UNIT_MARGIN,
          (unit, tip) =>
            (tipProbability[tip] ?? 0) > 0 &&
            (tipProbability[unit] ?? 0) >= DEEPER_UNIT_ODDS * (tipProbability[tip] ?? 0) &&
            beyond(matched(unit), [matched(tip)]) >= DEEPER_UNIT_SPECIFICITY,
        );
      // The question as searched: a long snippet is already cut to its first distinct words.
      const apis = this.apis.namedIn(analysis.searched);
      if (apis.length > 0)
        deeperUnitFirstInPlace(score, tips, this.ids, this.primaryMargin, (unit, tip) =>
          apis.some(
            (api) => this.apis.names(unit, api) && !this.apis.names(tip, api) && this.apis.isSpecificTo(unit, api),
          ),
        );
    }
    const scores: QueryScores = {
      score,
      vector,
      lexical,
      coverage,
      notCovered: round(notCovered),
      uncovered: round(covered?.uncovered ?? 0),
      ...(covered?.matches ? { matches: covered.matches } : {}),
    };
    const besideAsked = this.besides.filter(({ words }) => words.test(opening)).map(({ tip }) => tip);
    if (besideAsked.length > 0) return { scores: { ...scores, besideAsked }, embedderFailed: embedded.failed };
    return { scores, embedderFailed: embedded.failed };
  }

  /** The query's vector; none when the embedder knows no word or (with a handler) fails. */
  private async embed(text: string): Promise<{ vector?: readonly number[]; failed: boolean }> {
    let vector: number[] | undefined;
    try {
      [vector] = await this.options.embedder.embed([text]);
    } catch (err) {
      if (!this.options.onEmbedderError) throw err;
      this.failures += 1;
      this.options.onEmbedderError(err);
      return { failed: true };
    }
    if (!vector || vector.every((x) => x === 0)) return { failed: false };
    return { vector, failed: false };
  }
}

/**
 * Scores rounded to 4 decimals (`Math.round(x * 1e4) / 1e4`), held as ten-thousandths: `n / 1e4`
 * is the very number rounding gives, in a quarter of the bytes. Every signal is in [0, 1]; should
 * one ever not be, the array switches to doubles rather than change it.
 */
class RoundedScores {
  private tenThousandths: Uint16Array | undefined;
  private doubles: Float64Array | undefined;

  constructor(readonly length: number) {
    this.tenThousandths = new Uint16Array(length);
  }

  /** Stores `x` rounded to 4 decimals: `n = Math.round(x * 1e4)`, whose `n / 1e4` is that rounding by definition. */
  set(i: number, x: number): void {
    const n = Math.round(x * 1e4);
    if (this.tenThousandths && n >= 0 && n <= 0xffff) this.tenThousandths[i] = n;
    else this.setRounded(i, n / 1e4);
  }

  /** Stores a number already rounded to 4 decimals. */
  setRounded(i: number, rounded: number): void {
    const n = Math.round(rounded * 1e4);
    if (this.tenThousandths && n >= 0 && n <= 0xffff && n / 1e4 === rounded) {
      this.tenThousandths[i] = n;
      return;
    }
    if (!this.doubles) {
      this.doubles = Float64Array.from({ length: this.length }, (_, k) => this.get(k));
      this.tenThousandths = undefined;
    }
    this.doubles[i] = rounded;
  }

  get(i: number): number {
    return this.tenThousandths ? (this.tenThousandths[i] ?? 0) / 1e4 : (this.doubles?.[i] ?? 0);
  }

  /** Whether score i ranks before score j (ten-thousandths compare as the numbers do). */
  compare(i: number, j: number): number {
    return this.tenThousandths
      ? (this.tenThousandths[j] ?? 0) - (this.tenThousandths[i] ?? 0)
      : this.get(j) - this.get(i);
  }
}

/** The `k` first of `items` in the order `before` (as `items.sort(before).slice(0, k)`), without sorting them all. */
function topK(items: readonly number[], k: number, before: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (const item of items) {
    if (best.length === k && before(item, best[k - 1] ?? 0) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(item, best[at - 1] ?? 0) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * The share of a question's words (weighted by rarity, as `ScoredTip.coverage`) the best unit of
 * another file must account for *beyond* every guidance tip near it to keep its rank: each word
 * counts by how much better the unit matches it than the best of those tips does. Such a unit
 * names what the question turns on ("returned to the operating system", "`__traceback__`") where
 * the guidance tips only share its general words ("memory", "objects"), so it answers and they do
 * not. Chosen with `npm run eval` on the tuning questions (the real tuning half, the tuning-only
 * real set, `questions.json` and the conversations): 0.02 → 0.01 put 4 more of the tuning-only
 * set's 233 companion questions' right unit first with no other line changed; 0.005 one more, but
 * lost a paraphrase of `questions.json`; 0.015 and 0.03 fewer.
 */
export const SPECIFICITY_MARGIN = 0.01;

/**
 * How close to a more specific unit (see {@link SPECIFICITY_MARGIN}) a guidance tip must score to
 * be ranked right after it. Chosen with `npm run eval` on the tuning questions, with the two
 * margins, when the guidance window was 0.2: lifted from further down, a tip that only shares the
 * question's general words ("memory", "object") pushed the next specific unit out of the top 3
 * ("`sys.getsizeof()` versus an object's total memory": Reference Counting before `sys.getsizeof`
 * counts only the object itself). Since the question classifier the window is 0.15 too (see
 * PRIMARY_MARGIN), so with the defaults it limits nothing; narrower (0.05, 0.1) lost a follow-up
 * of `questions.json`. It still bounds a wider `primaryMargin` an operator sets.
 */
export const FOLLOW_MARGIN = 0.15;

/**
 * The user's guidance first: when a tip of a primary file scores within `margin` of the best unit
 * of another file, the guidance tips in that window move ahead of it (by the same shift, so their
 * own order stays), or, when that unit is more specific to the question (`specificity`, see
 * {@link SPECIFICITY_MARGIN}), those within `follow` of it ({@link FOLLOW_MARGIN}) right after
 * it. The best score itself is unchanged but for 0.0001,
 * so abstention and confidence read the same number; only near-ties change order. `scored` in any
 * order, returned in the same order.
 */
export function guidanceFirst(
  scored: readonly ScoredTip[],
  margin: number,
  specificity: number = SPECIFICITY_MARGIN,
  follow: number = FOLLOW_MARGIN,
): ScoredTip[] {
  const changed: number[] = [];
  const scores = {
    get: (i: number) => scored[i]?.score ?? 0,
    setRounded: (i: number, score: number) => (changed[i] = score),
    length: scored.length,
  };
  guidanceFirstInPlace(
    scores,
    scored.map((s) => s.tip),
    margin,
    specificity,
    follow,
    (best, near) =>
      beyond(
        scored[best] as ScoredTip,
        near.map((i) => scored[i] as ScoredTip),
      ),
  );
  return scored.map((s, i) => (changed[i] === undefined ? s : { ...s, score: changed[i] }));
}

/**
 * {@link guidanceFirst} over scores by tip index; `beyondNear(best, near)` is {@link beyond} of the
 * best unit (its index) over the guidance tips near it (theirs), asked only when the window applies.
 */
function guidanceFirstInPlace(
  scores: Pick<RoundedScores, 'get' | 'setRounded' | 'length'>,
  tips: readonly Pick<Tip, 'primary'>[],
  margin: number,
  specificity: number,
  follow: number,
  beyondNear: (best: number, near: readonly number[]) => number,
): void {
  let best = -1;
  let bestScore = 0;
  let primaryBest = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores.get(i);
    if (best < 0 || score > bestScore) {
      best = i;
      bestScore = score;
    }
    if (tips[i]?.primary) primaryBest = Math.max(primaryBest, score);
  }
  if (best < 0 || primaryBest === 0 || primaryBest >= bestScore || primaryBest < bestScore - margin) return;
  const floor = bestScore - margin;
  const near: number[] = [];
  for (let i = 0; i < scores.length; i++) if (tips[i]?.primary && scores.get(i) >= floor) near.push(i);
  // A more specific unit keeps the lead; the guidance tips near it come right after it.
  const specific = beyondNear(best, near) >= specificity;
  const shift = bestScore - primaryBest + (specific ? -0.0001 : 0.0001);
  // After a more specific unit, only the guidance tips close to it follow it (see FOLLOW_MARGIN).
  const lifted = specific ? Math.max(floor, bestScore - follow) : floor;
  for (const i of near) {
    if (scores.get(i) >= lifted) scores.setRounded(i, Math.min(1, Math.round((scores.get(i) + shift) * 1e4) / 1e4));
  }
}

/**
 * How close below the guidance tip ranked first a unit of another file must score to go before it
 * (see {@link deeperUnitFirstInPlace}). With {@link DEEPER_UNIT_ODDS} and
 * {@link DEEPER_UNIT_SPECIFICITY}, chosen with `npm run eval` on the tuning questions (the real
 * tuning half, the tuning-only set, `questions.json` and the conversations): 0.05–0.08 gave the
 * same or more right companion units first with no line lower; 0.1 lost a code question of
 * `questions.json`.
 */
export const DEEPER_UNIT_MARGIN = 0.08;

/**
 * How many times as likely as the guidance tip the question classifier must find the unit. 2.25:
 * 8 more of the tuning-only set's 233 companion questions right first (146 → 154; 6 of them when
 * only units that deepen the tip, `see:`, could move), no line lower; 2.5 and 3 gave 7 and 4; 2
 * gave 10 (and one more of the tuning half's, two more conversation follow-ups) but lost one of
 * its guidance questions ("Use Pandas … a much more efficient way to handle the large CSV data",
 * to the unit on dtypes at read time), 1.75 gave 14 and lost two.
 */
export const DEEPER_UNIT_ODDS = 2.25;

/**
 * The share of the question's weighted words the unit must match beyond the guidance tip (see
 * {@link beyond}): it names something the tip's line does not. 0.02–0.08 measured the same.
 */
export const DEEPER_UNIT_SPECIFICITY = 0.05;

/**
 * A deeper unit first, when the guidance tip's one line is not the answer: when a guidance tip
 * (a unit of a primary file) is ranked first, the best-scoring unit of another file within
 * `margin` of it that `qualifies` goes before it, by 0.0001. Only near-ties change order; the best
 * score, which abstention and confidence read, is unchanged but for 0.0001. Two rules use it:
 *
 * - three signals agreeing: the unit scores within {@link DEEPER_UNIT_MARGIN}, the question
 *   classifier finds it at least {@link DEEPER_UNIT_ODDS} times as likely (nothing moves without a
 *   verdict on full evidence), and it matches at least {@link DEEPER_UNIT_SPECIFICITY} of the
 *   question beyond the tip. Each signal alone decides this wrongly both ways ("my script eats all
 *   my RAM when I slurp a 10 GB log": the classifier prefers the `mmap` unit, whose own text says
 *   to iterate over a text file's lines instead); together they move a tip only for questions
 *   about what the unit adds: "np.concatenate inside a loop makes building my array slow" goes to
 *   growing an array once, not to the tip on efficient data structures it deepens, and "use atexit
 *   instead of `__del__`" to `weakref.finalize`, not to Reference Counting;
 * - a named API, within the guidance window (`primaryMargin`): the unit names an identifier of the
 *   question that the tip's own line does not and that at most two units name
 *   (`SPECIFIC_API_UNITS` in `named-apis.ts`): "replace chain(*iterable) with
 *   chain.from_iterable(iterable)" goes to the unit on `itertools`, not to Use Generators and
 *   Iterators; "Use StringIO instead of string concatenation" to the unit on `io.StringIO`, not to
 *   String Concatenation. The guidance's search phrases stopped naming such APIs for the same
 *   reason (docs/retrieval.md, "More real questions, for tuning only"); this reads the question.
 *   Chosen on the tuning-only set: companion right first 172 → 177 of 233, no line of any tuning
 *   set lower; margins 0.05–0.2 and requiring the classifier's odds from 0 to 1 gave 3 to 5, none
 *   lower.
 */
function deeperUnitFirstInPlace(
  scores: Pick<RoundedScores, 'get' | 'setRounded' | 'compare' | 'length'>,
  tips: readonly Pick<Tip, 'primary'>[],
  ids: readonly string[],
  margin: number,
  qualifies: (unit: number, tip: number) => boolean,
): void {
  let first = 0;
  for (let t = 1; t < scores.length; t++) {
    const order = scores.compare(t, first) || (ids[t] ?? '').localeCompare(ids[first] ?? '');
    if (order < 0) first = t;
  }
  if (!tips[first]?.primary) return;
  const floor = scores.get(first) - margin;
  let chosen = -1;
  for (let unit = 0; unit < scores.length; unit++) {
    if (tips[unit]?.primary || scores.get(unit) < floor) continue;
    // Only a better-scoring unit than the one chosen so far is worth the test.
    if (chosen >= 0 && scores.compare(unit, chosen) >= 0) continue;
    if (qualifies(unit, first)) chosen = unit;
  }
  if (chosen >= 0) scores.setRounded(chosen, Math.min(1, Math.round((scores.get(first) + 0.0001) * 1e4) / 1e4));
}

/**
 * The weighted share of the question's words `unit` matches better than every one of `others`:
 * Σ weight × max(0, unit's match − best other match) / Σ weight. Without word matches (no coverage
 * signal), the difference of their coverages.
 */
function beyond(
  unit: Pick<ScoredTip, 'coverage' | 'words'>,
  others: readonly Pick<ScoredTip, 'coverage' | 'words'>[],
): number {
  const words = unit.words;
  if (!words) return unit.coverage - Math.max(0, ...others.map((o) => o.coverage));
  let total = 0;
  let extra = 0;
  for (let i = 0; i < words.words.length; i++) {
    const weight = words.weights[i] ?? 0;
    total += weight;
    const theirs = Math.max(0, ...others.map((o) => o.words?.matches[i] ?? 0));
    extra += weight * Math.max(0, (words.matches[i] ?? 0) - theirs);
  }
  return total > 0 ? extra / total : 0;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * The words of a unit's `when` as one case-insensitive expression, each a whole word or phrase (a
 * plural `s` allowed: "querysets"; any spacing between a phrase's words, and backticks or quotes,
 * which mark a name without splitting the phrase: "with `requests`"), also inside a dotted name
 * (`django.db`).
 */
function openingWords(words: readonly string[]): RegExp {
  const escaped = words.map((w) => w.split(' ').map(escapeRegExp).join('[\\s`\'"]+'));
  return new RegExp(`(?<![\\w])(?:${escaped.join('|')})s?(?![\\w])`, 'i');
}
