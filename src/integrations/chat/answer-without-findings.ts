import type { AnalysisResult } from '../../analyze/types.js';
import { prependFindings } from '../../answer/findings-in-answer.js';
import type { Answer } from '../../answer/types.js';

/**
 * The answer's markdown without the findings the answerer put at its top: chat integrations show
 * the findings as their own block (icons, lines, tip names), so they are not listed twice. The
 * prefix is recomputed with the answerer's own `prependFindings`, so only that exact text is
 * removed; an answer that does not start with it (an LLM's own wording) is kept whole.
 *
 * @example
 * const body = answerWithoutFindings(reply.answer, reply.analysis);
 */
export function answerWithoutFindings(answer: Answer, analysis: AnalysisResult | undefined): string {
  if (!analysis) return answer.answer;
  const prefix = prependFindings({ ...answer, answer: '' }, analysis).answer;
  return prefix && answer.answer.startsWith(prefix) ? answer.answer.slice(prefix.length) : answer.answer;
}
