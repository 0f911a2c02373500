import type { Tip } from '../../knowledge/types.js';
import type { ComposedAnswer } from '../types.js';

/**
 * The abstention for a question with no topic to search for ("why?", "???", "show an example" as
 * a first message): says what to ask instead, and what the guidance covers.
 *
 * @example noTopicAnswer(index.knowledge.tips).abstainReason // 'empty_question'
 */
export function noTopicAnswer(allTips: readonly Tip[]): ComposedAnswer {
  const sections = [...new Set(allTips.map((t) => t.section))];
  const answer = [
    "That question doesn't name anything to look up, and there is no earlier question it could follow up on.",
    'Ask about a Python memory topic, for example "how do I find a memory leak?" or "are tuples smaller than lists?".',
    `The guidance covers: ${sections.join('; ')}.`,
  ].join(' ');
  return { answer, abstained: true, citations: [], examples: [], confidence: 'low', abstainReason: 'empty_question' };
}
