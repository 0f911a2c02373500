import type { AnswerEvent } from '../../answer/answer-events.js';
import type { Answer, Citation } from '../../answer/types.js';
import { splitIntoChunks } from '../../http/event-stream.js';
import { isLowConfidence } from '../chat/answer-text.js';
import {
  answerMeta,
  estimateTokens,
  LOW_CONFIDENCE_NOTE,
  usage,
  type CompletionIdentity,
  type PymemAnswerMeta,
  type Usage,
  MODEL_ID,
} from './chat-completion.js';

/** One `data:` event of a streamed completion. */
export interface ChatCompletionChunk {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly system_fingerprint: string;
  /** One choice, or none on the closing usage chunk. */
  readonly choices: readonly ChunkChoice[];
  /** With `stream_options.include_usage`: `null` on every chunk but the last, which has only the usage. */
  readonly usage?: Usage | null;
  /** On the chunk with `finish_reason`: the cited tips and this service's answer fields. */
  readonly citations?: readonly Citation[];
  readonly pymem?: PymemAnswerMeta;
}

export interface ChunkChoice {
  readonly index: 0;
  readonly delta: { readonly role?: 'assistant'; readonly content?: string };
  readonly logprobs: null;
  readonly finish_reason: 'stop' | null;
}

export interface CompletionChunksOptions {
  readonly includeUsage: boolean;
  readonly promptTokens: number;
  /** Called with the final answer when it is complete (for the request log and metrics). */
  readonly onAnswer?: (answer: Answer) => void;
}

/** Shown before the checked answer when text already streamed was replaced (LLM mode's fallback). */
export const REPLACED_NOTE =
  "*The text above could not be checked against the guidance; this is the guidance's own answer:*";

/**
 * Turns an answer's events into OpenAI stream chunks: the role first, the text in pieces of a few
 * words, then a chunk with `finish_reason: "stop"`, the citations and the `pymem` fields, then
 * (with `include_usage`) one with the usage. The content is the same as the non-streamed answer's,
 * low-confidence note included; only when LLM mode replaces text it already streamed (a failed
 * grounding check) does the checked answer follow it, after a rule and {@link REPLACED_NOTE}.
 *
 * @example
 * for await (const chunk of completionChunks(assistant.askStream(q), identity, { includeUsage: false, promptTokens: 12 })) send(chunk);
 */
export async function* completionChunks(
  events: AsyncIterable<AnswerEvent>,
  identity: CompletionIdentity,
  options: CompletionChunksOptions,
): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (choices: readonly ChunkChoice[], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: MODEL_ID,
    system_fingerprint: identity.systemFingerprint,
    choices,
    ...(options.includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const text = (content: string): ChatCompletionChunk =>
    chunk([{ index: 0, delta: { content }, logprobs: null, finish_reason: null }]);

  yield chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
  let sent = '';
  for await (const event of events) {
    if (event.type === 'delta') {
      for (const piece of splitIntoChunks(event.text)) {
        sent += piece;
        yield text(piece);
      }
    } else if (event.type === 'done') {
      const { answer } = event;
      options.onAnswer?.(answer);
      const rest = answer.answer.startsWith(sent)
        ? answer.answer.slice(sent.length)
        : `\n\n---\n\n${REPLACED_NOTE}\n\n${answer.answer}`;
      const tail = isLowConfidence(answer) ? `${rest}\n\n${LOW_CONFIDENCE_NOTE}` : rest;
      for (const piece of splitIntoChunks(tail)) {
        sent += piece;
        yield text(piece);
      }
      yield chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], {
        citations: answer.citations,
        pymem: answerMeta(answer),
      });
      if (options.includeUsage) yield chunk([], { usage: usage(options.promptTokens, estimateTokens(sent)) });
      return;
    }
  }
}
