import type { AnalysisResult } from '../../analyze/types.js';
import type { ChatTurn } from '../../answer/follow-up/chat-turn.js';
import type { Answer } from '../../answer/types.js';
import type { Assistant } from '../../assistant.js';
import { LIMITS } from '../../http/limits.js';
import type { ChatQuestion } from './chat-question.js';

/** What a chat integration renders: the answer, and the analysis of pasted code when there was some. */
export interface ChatReply {
  readonly question: string;
  readonly answer: Answer;
  readonly analysis?: AnalysisResult;
}

const utf8 = new TextEncoder();

/**
 * Why a chat question cannot be answered as asked (the same limits as `/v1/ask`), or `undefined`.
 * Chat users get this as a message rather than an HTTP error.
 */
export function chatQuestionProblem(q: ChatQuestion): string | undefined {
  if (!q.question.trim()) return 'Ask a question about Python memory, optionally with code in a code block (triple backticks).';
  if (q.question.length > LIMITS.questionChars) {
    return `That question is ${q.question.length.toLocaleString('en-US')} characters; the limit is ${LIMITS.questionChars.toLocaleString('en-US')}.`;
  }
  const snippetBytes = q.snippet ? utf8.encode(q.snippet).length : 0;
  if (snippetBytes > LIMITS.snippetBytes) {
    return `That code is ${Math.ceil(snippetBytes / 1024)} KiB; the limit is ${LIMITS.snippetBytes / 1024} KiB.`;
  }
  return undefined;
}

/**
 * Answers a chat question through the Assistant; pasted code is analyzed too (once: the answer is
 * made from the same analysis), so its findings can be shown first with their line numbers. `history` (a thread's earlier messages) lets a follow-up
 * ("why?", "what about dicts?") be read against them.
 *
 * @example
 * const reply = await answerChatQuestion(assistant, parseChatQuestion(text));
 */
export async function answerChatQuestion(assistant: Assistant, q: ChatQuestion, history: readonly ChatTurn[] = []): Promise<ChatReply> {
  const asked = await assistant.analyzeQuestion({
    question: q.question,
    ...(q.snippet ? { snippet: q.snippet } : {}),
    ...(history.length > 0 ? { history } : {}),
  });
  const answer = await assistant.ask(asked);
  return asked.analysis ? { question: q.question, answer, analysis: asked.analysis } : { question: q.question, answer };
}
