import { z } from 'zod';
import type { Question } from '../../answer/types.js';
import { recentTurns, type ChatTurn } from '../../answer/follow-up/chat-turn.js';
import { LIMITS } from '../../http/limits.js';
import { ProblemException } from '../../http/problem.js';
import { parseChatQuestion } from '../chat/chat-question.js';

/** A message's content: text, or content parts of which only `text` ones are understood. */
const contentSchema = z.union(
  [
    z.string(),
    z.array(
      z.looseObject({
        type: z.string({ error: 'each content part needs a type' }),
        text: z.string({ error: 'a text part needs its text as a string' }).optional(),
      }),
    ),
    z.null(),
  ],
  { error: 'content must be a string or an array of content parts' },
);

/** One message of the conversation; roles other than user and assistant are read but not answered from. */
const messageSchema = z.looseObject({
  role: z.string({ error: 'role must be a string' }).min(1, { error: 'role must not be empty' }),
  content: contentSchema.optional(),
});

/**
 * The body of `POST /v1/chat/completions`: OpenAI's, loose, so the other standard fields
 * (`temperature`, `max_tokens`, `top_p`, `stop`, `user`, `tools`, …) are accepted and ignored.
 * Answers are deterministic and always one.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string({ error: 'model is required (see GET /v1/models)' }).min(1, { error: 'model must not be empty' }),
  messages: z
    .array(messageSchema, { error: 'messages must be an array of { role, content }' })
    .min(1, { error: 'messages must hold at least one message' }),
  stream: z.boolean({ error: 'stream must be true or false' }).nullish(),
  stream_options: z
    .looseObject({ include_usage: z.boolean({ error: 'include_usage must be true or false' }).nullish() })
    .nullish(),
  n: z
    .number({ error: 'n must be a number' })
    .int({ error: 'n must be an integer' })
    .min(1, { error: 'n must be 1' })
    .max(1, { error: 'n must be 1: answers are deterministic, so there is only ever one' })
    .nullish(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatMessage = ChatCompletionRequest['messages'][number];

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
  const { question, snippet, snippetLanguage } = parseChatQuestion(textOf(last.content, `messages.${at}.content`));
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
  return {
    question,
    ...(snippet ? { snippet } : {}),
    ...(snippetLanguage ? { snippetLanguage } : {}),
    ...(history.length > 0 ? { history } : {}),
  };
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
