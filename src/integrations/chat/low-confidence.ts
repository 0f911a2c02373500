import type { Answer } from '../../answer/types.js';

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
