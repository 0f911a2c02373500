import type { Question } from '../../answer/answer-question.js';
import type { ChatTurn } from '../../answer/follow-up/chat-turn.js';
import { recentTurns } from '../../answer/follow-up/recent-turns.js';
import { LIMITS } from '../../http/limits.js';
import { ProblemException } from '../../http/problem.js';
import { parseChatQuestion } from '../chat/chat-question.js';
import type { ChatMessage } from './chat-request.js';

const utf8 = new TextEncoder();

/**
 * Turns an OpenAI `messages` array into the assistant's question: the last message (which must be
 * the user's) is the question, its ``` blocks the snippet; the user and assistant messages before
 * it are the history, trimmed to its limits (the most recent 10 turns and 16 KiB, the oldest
 * dropped first), since editors send whole conversations. System and developer messages are not
 * answered from: the guidance is the only source. A bad last message is a 400 problem (field
 * `messages.<i>.content`), in the same limits as `POST /v1/ask`.
 *
 * @example
 * questionFromMessages([{ role: 'user', content: 'what is a weakref?' }, { role: 'assistant', content: '…' }, { role: 'user', content: 'why?' }])
 * // → { question: 'why?', history: [{ role: 'user', content: 'what is a weakref?' }, { role: 'assistant', content: '…' }] }
 */
export function questionFromMessages(messages: readonly ChatMessage[]): Question {
  const at = messages.length - 1;
  const last = messages[at];
  if (last?.role !== 'user') {
    invalid(`messages.${at}.role`, 'the last message must be the user\'s question (role "user")');
  }
  const { question, snippet } = parseChatQuestion(textOf(last.content, `messages.${at}.content`));
  if (!question.trim()) invalid(`messages.${at}.content`, 'the question must not be empty');
  if (question.length > LIMITS.questionChars) {
    invalid(
      `messages.${at}.content`,
      `the question must be at most ${LIMITS.questionChars} characters outside its \`\`\` code blocks (it has ${question.length})`,
    );
  }
  if (snippet && utf8.encode(snippet).length > LIMITS.snippetBytes) {
    invalid(`messages.${at}.content`, `the code in \`\`\` blocks must be at most ${LIMITS.snippetBytes / 1024} KiB`);
  }
  const history = historyOf(messages.slice(0, at));
  return { question, ...(snippet ? { snippet } : {}), ...(history.length > 0 ? { history } : {}) };
}

/** The user and assistant messages as turns (their text parts), within the history limits. */
function historyOf(messages: readonly ChatMessage[]): ChatTurn[] {
  return recentTurns(
    messages.flatMap((m): ChatTurn[] =>
      m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, content: lenientText(m.content) }] : [],
    ),
  );
}

/** The text of the question's content: a string, or its text parts joined; other parts are a 400. */
function textOf(content: ChatMessage['content'], path: string): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  const other = content.find((part) => part.type !== 'text');
  if (other) invalid(path, `only text content is supported (got a "${other.type}" part)`);
  return content.map((part) => part.text ?? '').join('\n');
}

/** An earlier message's text: its text parts, whatever else it holds. */
function lenientText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((part) => (part.type === 'text' && part.text ? [part.text] : [])).join('\n');
}

function invalid(path: string, message: string): never {
  throw new ProblemException(400, {
    type: 'urn:pymem:problem:validation',
    title: 'Invalid request body',
    detail: `${path}: ${message}`,
    errors: [{ path, message }],
  });
}
