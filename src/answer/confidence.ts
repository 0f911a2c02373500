import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { ConfidenceThresholds } from './answer-options.js';
import calibration from './calibration.json' with { type: 'json' };
export type { ConfidenceThresholds } from './answer-options.js';

/**
 * How well the guidance matches a question, from the best cited tip's fused retrieval score:
 * `high` (≥ {@link CONFIDENCE_THRESHOLDS.high}), `medium` (≥ `medium`), else `low`. Abstentions are
 * `low`; an answer to pasted code with findings is `high` (the findings are the evidence).
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Why an answer abstained:
 * - `empty_question`: nothing to search for — only stop words, question words or punctuation
 *   ("why?", "???", "how does it work?" as a first message), or written mostly in letters search
 *   cannot read (Chinese, Cyrillic…);
 * - `other_runtime`: it is about the memory (or code) of another runtime or language — the JVM
 *   heap, Node.js, a browser, C, GPU memory, PyPy — not CPython's;
 * - `not_memory`: it is a Python question with no memory, resource or object-lifetime angle
 *   (a `TypeError`, how to change a tuple, where to declare a variable);
 * - `out_of_scope`: a topic the guidance does not cover explains the question better than any tip
 *   (the `notCovered` list of the knowledge's `*.search.json`), or no word of it relates to a tip;
 * - `low_similarity`: some tips share words with it, but none scores the `minScore` to answer
 *   from; an answer with `coverage: "related"` (a Python memory question the guidance has no tip
 *   for, listing related tips) has this reason too.
 */
export type AbstainReason = 'out_of_scope' | 'low_similarity' | 'empty_question' | 'other_runtime' | 'not_memory';

/**
 * Whether the guidance answers the question: `answer` (cited tips answer it), `related` (a Python
 * memory question no tip answers; related tips are listed in `related`, not cited), `none`
 * (abstained).
 */
export type Coverage = 'answer' | 'related' | 'none';

/**
 * Fused-score thresholds of the confidence levels, calibrated by `npm run eval -- --calibrate`
 * (`calibration.json`, see the README, "Confidence"): at or above `high`, at least 95% of the
 * tuning answers cite a right tip first and no out-of-scope question of any tuning set reaches it;
 * under `medium` (down to the abstention threshold `minScore`) the answers are marked `low`.
 */
export const CONFIDENCE_THRESHOLDS: ConfidenceThresholds = calibration.confidence;

/**
 * The confidence level of an answer whose best cited tip scored `score`.
 *
 * @example confidenceForScore(0.72) // 'medium'
 */
export function confidenceForScore(
  score: number,
  thresholds: ConfidenceThresholds = CONFIDENCE_THRESHOLDS,
): Confidence {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

/**
 * Why retrieval found nothing to answer from (the question had a topic): `out_of_scope` or
 * `low_similarity`, from the best tip's signals.
 *
 * @example abstainReasonFor(await retriever.search('how do I center a div', 1)) // 'out_of_scope'
 */
export function abstainReasonFor(scored: readonly ScoredTip[]): 'out_of_scope' | 'low_similarity' {
  const top = scored[0];
  if (!top || top.coverage === 0 || top.notCovered > top.coverage) return 'out_of_scope';
  return 'low_similarity';
}
