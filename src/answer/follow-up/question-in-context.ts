import type { FollowUp } from '../types.js';

/**
 * A follow-up as a model should read it: the question, and what it asks together with the
 * earlier questions (the text retrieval searched), since "why?" alone means nothing to a model
 * that has not seen the conversation.
 *
 * @example
 * questionInContext('why?', { rule: 'elliptical', searchedFor: 'are tuples smaller than lists?' })
 * // 'why?\n\n(A follow-up: read with the earlier questions it asks about "are tuples smaller than lists?")'
 */
export function questionInContext(question: string, followUp: FollowUp | undefined): string {
  if (!followUp) return question;
  const together = followUp.searchedFor.replace(/\s+/g, ' ').trim();
  return `${question}\n\n(A follow-up: read with the earlier questions it asks about "${together}")`;
}
