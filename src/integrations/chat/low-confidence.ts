import type { Answer } from '../../answer/types.js';

/**
 * What every channel says about how far the guidance answers a question: a `low`-confidence
 * answer, a question it does not cover (and why), a question only related tips touch.
 */

/** What every channel says about an answer of `low` confidence (Slack, Discord, the OpenAI-compatible API). */
export const LOW_CONFIDENCE_TEXT =
  'the guidance matches this question only weakly, so this may not answer it. Check the sources before relying on it.';

/**
 * Whether an answer is shown as low-confidence: answered (an abstention says so already) with
 * `confidence: "low"`.
 *
 * @example if (isLowConfidence(answer)) blocks.unshift(lowConfidenceBlock());
 */
export function isLowConfidence(answer: Pick<Answer, 'abstained' | 'confidence'>): boolean {
  return !answer.abstained && answer.confidence === 'low';
}

/** Above the related tips of a `coverage: "related"` answer (they are not the answer). */
export const RELATED_TEXT = 'Related, not an answer';

/**
 * A short heading for an answer, as chat channels title it: what the guidance says, or why it
 * does not answer (another runtime, no memory angle, only related tips).
 *
 * @example coverageHeading({ abstained: true, abstainReason: 'other_runtime', confidence: 'low' }) // 'Not covered: not about Python memory'
 */
export function coverageHeading(answer: Pick<Answer, 'abstained' | 'confidence' | 'abstainReason' | 'coverage'>): string {
  if (answer.coverage === 'related') return 'Not covered by the guidance: related tips';
  if (answer.abstained) {
    if (answer.abstainReason === 'other_runtime') return 'Not covered: not about Python memory';
    if (answer.abstainReason === 'not_memory') return 'Not covered: not a memory question';
    return 'Not covered by the guidance';
  }
  return isLowConfidence(answer) ? 'Low confidence: possibly related guidance' : 'From the Python memory guidance';
}
