import type { FacetKind, Tip } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import { memoryAngle, scopeVerdict, type RuntimeEvidence, type ScopeReading } from '../retrieval/scope.js';
import type { AnswerSettings } from './answer-options.js';
import { abstainReasonFor, confidenceForScore, type Confidence } from './confidence.js';
import { abstention, knowledgeCovers, relatedAnswer, renderAnswer, selectCitations } from './extractive-answer.js';
import { triageUnit, withTriageNote } from './report-triage.js';
import type { ComposedAnswer } from './types.js';

/** Most tips listed as related to a question the guidance does not answer. */
export const MAX_RELATED = 2;

/**
 * The rank an answer's best unit is measured against for its lead ({@link leadOf}): the sixth, the
 * last of the units the default `k` of 3 chooses among.
 */
export const LEAD_RANK = 6;

/**
 * How far the best unit scores above the unit ranked {@link LEAD_RANK}th; the best score itself
 * when fewer units match at all. A question whose best unit barely beats five others is matched
 * on words many units share, not on its point: of 120 fresh GitHub reports judged blind
 * (test/eval/answers-compared-2.json to -4.json), the 38 answered with a lead under 0.04 were
 * helpful to both judges once, and 18 were not helpful to either; the 75 others, 13 and 29. On
 * 40 judged after the threshold was set (answers-compared-5.json) it did not separate them (1 of
 * 8 under `confidence.minLead` helpful to both, 2 of 30 above): long reports are mostly not
 * helpful at either level.
 *
 * @example leadOf(ranked) // 0.19 for "Memory Leak. The script …" (the snapshot unit far ahead)
 */
export function leadOf(ranked: readonly ScoredTip[]): number {
  const best = ranked[0]?.score ?? 0;
  return best - (ranked[LEAD_RANK - 1]?.score ?? 0);
}

/**
 * How many of the best-scoring units an answer citing at most `k` chooses from: twice `k`, and at
 * least {@link MAX_RELATED} and {@link LEAD_RANK} (the lead is measured whatever `k` is). Not `k`
 * alone: a unit cited beside the first (`Tip.beside`), or one that explains words the second and
 * third do not, can rank fourth ("Memory leak with PIL: RSS
 * keeps growing …, tracemalloc shows nothing" ranks the unit on native memory fourth). The eval
 * scores the same window (`scripts/lib/eval/answer-signals.ts`). Before 2026-12-06 the service
 * chose among `k` while the eval scored every unit: they differed on two citations of the real
 * questions, and under the service's window the calibration would have lowered `minNovelty` to
 * 0.35; with this window they differ on one holdout citation and the calibration is unchanged.
 *
 * @example candidateWindow(3) // 6
 */
export function candidateWindow(k: number): number {
  return Math.max(2 * k, MAX_RELATED, LEAD_RANK);
}

/**
 * The units of `ranked` (every unit retrieval scored, best first) an answer citing at most `k`
 * chooses from: what the service searches for ({@link candidateWindow}). For scripts that score
 * all units once and decide for several settings.
 */
export function candidatesOf(ranked: readonly ScoredTip[], k: number): readonly ScoredTip[] {
  const window = ranked.slice(0, candidateWindow(k));
  // As `HybridRetriever.search` does: the units asked beside another come whatever their rank.
  return [...window, ...ranked.slice(window.length).filter((s) => s.besideAsked === true)];
}

/**
 * A question with no Python or memory evidence of its own still counts as a Python question
 * (`not_memory`, not `out_of_scope`) when a tip accounts for this share of its words: it is about
 * things the guidance talks about ("local variable referenced before assignment").
 */
export const PYTHON_TOPIC_COVERAGE = 0.2;

/**
 * The memory angle (memory evidence minus no-memory evidence, see `scope-rules.json`) an answer
 * needs for `high` confidence: a strong cue, or two hints. A question whose only memory word is a
 * hint that needs company ("instead of", "faster") can be a Python question with no memory angle
 * that shares a tip's words: "Why is it string.join(list) instead of list.join(string)?" scored
 * 0.92 for String Concatenation, the one out-of-scope answer at `high` among the tuning
 * questions. Every right `high` answer of the real tuning questions has an angle of 2 or more;
 * of `questions.json`'s 43, two (right) are `medium` since: "read a large file line by line" and
 * "why?" after "are tuples smaller than lists?", whose only memory words are hints.
 */
export const HIGH_CONFIDENCE_MEMORY_ANGLE = 2;

/**
 * How well a unit outside the primary files must match a question that has no memory words at
 * all, and none against (memory angle 0), for the question to be answered rather than turned away
 * as `not_memory`. Every unit of the deeper knowledge is about memory, resources or object
 * lifetime, so a question it clearly answers has that angle even when it names none of the scope
 * rules' words: "Using reshape to get a reshaped view without modifying the input data" (views
 * and copies), "Least Astonishment and the Mutable Default Argument" (a default kept alive with
 * the function). The guidance's own tips do not count: their topics are everyday Python (tuples,
 * global variables, files, generators), and "How to change values in a tuple?" or "Python
 * function global variables?" match them as well. Chosen on the tuning-only real set: from 0.65
 * seven of its companion questions refused as `not_memory` are answered with the right unit first,
 * and two of its 56 no-memory questions are answered (an int64 overflow, `io.BytesIO`); no
 * question of the real tuning half or `questions.json` has such a match.
 */
export const DEEPER_UNIT_SCOPE_SCORE = 0.65;

/** What the decision is made from: the question's scope evidence and its tips, best first. */
export interface PolicyInput {
  readonly scope: ScopeReading;
  /** Every tip retrieval scored above 0 for the question, best first (at least `k` of them). */
  readonly ranked: readonly ScoredTip[];
  /** Most tips to cite. */
  readonly k: number;
  /** How many words the question has, pasted text included (see `wordCount`): a long one is a report. */
  readonly words?: number;
  /** The unit that says how to find the cause of what the question reports (`HybridRetriever.triageFor`). */
  readonly triage?: Tip | undefined;
  /** The question has a `decisive` word of its triage unit (`HybridRetriever.triageOf`): cited first whatever the lead. */
  readonly triageDecides?: boolean;
  /** The question names an API specific to its best unit (`HybridRetriever.namesApiOf`): a short one asks about that unit. */
  readonly namesBestApi?: boolean;
}

/**
 * What the answer will be:
 * - `answer`: cite `cited` (the best tip, then the further ones relevant on their own);
 * - `related`: a Python memory question the guidance has no tip for; list `related`, cite nothing;
 * - `abstain`: say why (`reason`) and what the guidance covers.
 */
export type Decision =
  | {
      readonly kind: 'answer';
      readonly cited: readonly ScoredTip[];
      /** The best unit's lead over the rest ({@link leadOf}): under `confidence.minLead`, a `medium` score is `low`. */
      readonly lead: number;
      /** Confidence stops at `medium` (see {@link HIGH_CONFIDENCE_MEMORY_ANGLE}). */
      readonly weakMemoryAngle?: boolean;
      /** A report no unit clearly matches: `cited` opens with the unit that says how to find its cause (`triageUnit`); `low`. */
      readonly triage?: boolean;
    }
  | { readonly kind: 'related'; readonly related: readonly ScoredTip[] }
  | {
      readonly kind: 'abstain';
      readonly reason: 'other_runtime' | 'not_memory' | 'out_of_scope' | 'low_similarity';
      readonly runtime?: RuntimeEvidence;
    };

/**
 * Decides how a question is answered, in this order (thresholds from `settings`, calibrated by
 * `npm run eval -- --calibrate`):
 *
 * 1. another runtime's evidence outweighs Python's → abstain, `other_runtime`;
 * 2. no memory angle (memory evidence minus no-memory evidence under `scope.notMemory`) →
 *    abstain, `not_memory` (`out_of_scope` when nothing in it is about Python), unless the
 *    question has no evidence either way and a deeper unit matches it strongly
 *    ({@link DEEPER_UNIT_SCOPE_SCORE});
 * 3. a memory topic the guidance has no tip for explains at least `related.margin` of the
 *    question's words beyond what the tips explain (`ScoredTip.uncovered`), and no not-covered
 *    topic explains it better than the tips → `related` (when a tip is relevant enough to list);
 * 4. the best tip reaches `minScore` → `answer`;
 * 5. clearly about memory (memory angle at least `scope.memory`) and no not-covered topic
 *    explains it better than the tips → `related`, listing the best tip from `related.floor` up
 *    (and a second one only when it is relevant on its own, as for citations);
 * 6. otherwise abstain, `out_of_scope` or `low_similarity`.
 *
 * @example
 * const decision = decide({ scope: reader.read(question), ranked, k: 3 }, DEFAULT_ANSWER_OPTIONS);
 */
export function decide(input: PolicyInput, settings: AnswerSettings): Decision {
  const { scope, ranked } = input;
  const verdict = scopeVerdict(scope, settings.scope);
  if (verdict.runtime === 'other')
    return {
      kind: 'abstain',
      reason: 'other_runtime',
      ...(verdict.otherRuntime ? { runtime: verdict.otherRuntime } : {}),
    };
  const top = ranked[0];
  if (verdict.memory === 'not_memory' && !answeredByDeeperUnit(scope, top)) {
    const pythonish = scope.python.score > 0 || (top?.coverage ?? 0) >= PYTHON_TOPIC_COVERAGE;
    return { kind: 'abstain', reason: pythonish ? 'not_memory' : 'out_of_scope' };
  }
  if (!top) return { kind: 'abstain', reason: 'out_of_scope' };
  // The units asked beside another that retrieval returns after the window (`HybridRetriever.search`)
  // may be cited beside the first; everything else is decided on the window.
  const window = ranked.slice(0, candidateWindow(input.k));
  if ((top.uncovered ?? 0) >= settings.related.margin && top.notCovered <= bestCoverage(window)) {
    const related = relatedTips(window, settings);
    if (related.length > 0) return { kind: 'related', related };
  }
  const cited = selectCitations(ranked, {
    minScore: settings.minScore,
    relativeCutoff: settings.relativeCutoff,
    minNovelty: settings.minNovelty,
    k: input.k,
  });
  if (cited.length > 0) {
    const lead = leadOf(ranked);
    const triage = triageUnit(input.triage, ranked, input.words ?? 0, lead, {
      namesBestApi: input.namesBestApi === true,
      decides: input.triageDecides === true,
    });
    // The unit that says how to find the cause, then the closest unit by its short text (see `triageUnit`).
    if (triage) return { kind: 'answer', cited: [triage, ...cited.slice(0, 1)], lead, triage: true };
    return memoryAngle(scope) < HIGH_CONFIDENCE_MEMORY_ANGLE
      ? { kind: 'answer', cited, lead, weakMemoryAngle: true }
      : { kind: 'answer', cited, lead };
  }
  if (verdict.memory === 'memory' && top.notCovered <= top.coverage) {
    const related = relatedTips(window, settings);
    if (related.length > 0) return { kind: 'related', related };
  }
  return { kind: 'abstain', reason: abstainReasonFor(window) };
}

/**
 * Whether a question with no memory evidence either way is still answered, because a unit of the
 * deeper knowledge matches it strongly (see {@link DEEPER_UNIT_SCOPE_SCORE}).
 */
function answeredByDeeperUnit(scope: ScopeReading, top: ScoredTip | undefined): boolean {
  return top !== undefined && !top.tip.primary && memoryAngle(scope) >= 0 && top.score >= DEEPER_UNIT_SCOPE_SCORE;
}

/** The best share of the question's words any tip accounts for. */
export function bestCoverage(ranked: readonly ScoredTip[]): number {
  return Math.max(0, ...ranked.map((s) => s.coverage));
}

/**
 * The tips listed as related: chosen like citations (the best one from `related.floor` up, a
 * second one only when it is relevant on its own), at most {@link MAX_RELATED}.
 */
function relatedTips(ranked: readonly ScoredTip[], settings: AnswerSettings): ScoredTip[] {
  return selectCitations(ranked, {
    minScore: settings.related.floor,
    relativeCutoff: settings.relativeCutoff,
    minNovelty: settings.minNovelty,
    k: MAX_RELATED,
  });
}

export interface ComposeOptions {
  readonly allTips: readonly Tip[];
  /** The question as searched (with the snippet): picks the facet and the examples that fit. */
  readonly question: string;
  /** The facet the question asks for (see `askedFacets`). */
  readonly asked?: FacetKind | undefined;
  /** Further facets it asks for (see `askedFacets`): quoted when the first unit lacks `asked`. */
  readonly alsoAsked?: readonly FacetKind[] | undefined;
  /** What the conversation's earlier answers quoted: not quoted again (see `renderAnswer`). */
  readonly said?: ReadonlySet<string> | undefined;
  /** A follow-up whose own words are out of scope, answered from its topic's tips: at most `low`. */
  readonly offTopic?: boolean;
  /** The question was read through the glossary (another language's words, see `readGlossary`): at most `medium`. */
  readonly glossed?: boolean;
  /** The units searched for the question, cited or not: offered when the cited ones have nothing new (see `renderAnswer`). */
  readonly closest?: readonly ScoredTip[] | undefined;
}

/**
 * The answer a decision leads to, with its `coverage`, `confidence` and, when it abstains, its
 * `abstainReason`.
 */
export function composeDecision(decision: Decision, settings: AnswerSettings, options: ComposeOptions): ComposedAnswer {
  switch (decision.kind) {
    case 'abstain':
      return abstention(decision.reason, options.allTips, decision.runtime);
    case 'related':
      return relatedAnswer(decision.related, options.allTips);
    case 'answer': {
      const answer = renderAnswer(decision.cited, {
        question: options.question,
        // A triage answer says what to do for each kind of growth (the unit's how), first.
        asked: decision.triage ? 'how' : options.asked,
        alsoAsked: options.alsoAsked,
        said: options.said,
        closest: options.closest,
        ...(decision.triage ? { triage: true } : {}),
      });
      const composed = { ...answer, confidence: answerConfidence(decision, settings, options) };
      return decision.triage ? withTriageNote(composed) : composed;
    }
  }
}

/**
 * The confidence of an answer: from its best cited tip's score, at most `medium` when the
 * question's memory angle is weak or its words were read through the glossary (`glossed`), `low`
 * when a `medium` score leads the other units by less than `confidence.minLead` ({@link leadOf})
 * or for a follow-up whose own words are out of scope (`offTopic`).
 *
 * A question in another language is read word by word, without its grammar ("no", "sin", "не"
 * change what a sentence asks and are not read), so a match however strong is a match with a
 * gloss: of the real tuning questions so read one was answered at `high` (right), and of the 40
 * collected to measure the glossary of other languages one was, and it was wrong.
 */
export function answerConfidence(
  decision: Extract<Decision, { kind: 'answer' }>,
  settings: AnswerSettings,
  { offTopic = false, glossed = false }: { readonly offTopic?: boolean; readonly glossed?: boolean } = {},
): Confidence {
  if (offTopic || decision.triage) return 'low';
  const confidence = confidenceForScore(decision.cited[0]?.score ?? 0, settings.confidence);
  if (confidence === 'high') return decision.weakMemoryAngle || glossed ? 'medium' : 'high';
  return confidence === 'medium' && decision.lead < settings.confidence.minLead ? 'low' : confidence;
}

/**
 * The abstention for a question with no topic to search for ("why?", "???", "show an example" as
 * a first message): says what to ask instead, and what the guidance covers. A question written
 * mostly in another script than Latin letters with no word of the glossary (see `readGlossary`:
 * Chinese, Japanese, Korean and Russian memory words are read) comes out empty too, because search
 * reads Latin letters only: it is told so, not that it named nothing. Real users ask so: 2 of 72 questions
 * copied from issue trackers on 2026-12-06 were in Chinese.
 *
 * @example noTopicAnswer(index.knowledge.tips).abstainReason // 'empty_question'
 */
export function noTopicAnswer(allTips: readonly Tip[], question = ''): ComposedAnswer {
  const answer = [
    writtenInAnotherScript(question)
      ? 'That question is written mostly in letters I cannot search: the guidance and its search read English, and of Chinese, Japanese, Korean and Russian only the memory terms of a glossary, none of which it uses.'
      : "That question doesn't name anything to look up, and there is no earlier question it could follow up on.",
    'Ask about a Python memory topic, for example "how do I find a memory leak?" or "are tuples smaller than lists?".',
    `The guidance covers: ${knowledgeCovers(allTips)}.`,
  ].join(' ');
  return { answer, abstained: true, citations: [], examples: [], confidence: 'low', abstainReason: 'empty_question' };
}

/**
 * Whether most of the letters of `text` are of another script than Latin.
 *
 * @example writtenInAnotherScript('python 运行时内存的占用') // true
 */
export function writtenInAnotherScript(text: string): boolean {
  const letters = text.match(ANY_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  return letters > 0 && latin * 2 < letters;
}

const ANY_LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
