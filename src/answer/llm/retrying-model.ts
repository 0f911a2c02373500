import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { AIMessageChunk } from '@langchain/core/messages';
import { Runnable, type RunnableConfig } from '@langchain/core/runnables';
import { concat } from '@langchain/core/utils/stream';
import { streamWithRetry, type RetryOptions } from './retry.js';

export type ModelRetryOptions = Omit<RetryOptions, 'signal'>;

/**
 * The chain's model step: streams from the chat model and, while no token has arrived yet,
 * retries a 429/5xx/dropped connection with backoff ({@link streamWithRetry}). LangChain's own
 * `withRetry()` cannot be used here because it does not retry streams, and the provider clients'
 * built-in retries are turned off so that one place owns the policy and the deadline.
 *
 * @example
 * const step = new RetryingChatModel(model, { retries: 2, baseDelayMs: 500, maxDelayMs: 8000 });
 */
export class RetryingChatModel extends Runnable<BaseLanguageModelInput, AIMessageChunk> {
  lc_namespace = ['pymem', 'answer', 'llm'];

  constructor(
    readonly model: BaseChatModel,
    readonly retry: ModelRetryOptions,
  ) {
    super();
  }

  override async *_streamIterator(
    input: BaseLanguageModelInput,
    options?: Partial<RunnableConfig>,
  ): AsyncGenerator<AIMessageChunk> {
    yield* streamWithRetry(() => this.model.stream(input, options), { ...this.retry, signal: options?.signal });
  }

  async invoke(input: BaseLanguageModelInput, options?: Partial<RunnableConfig>): Promise<AIMessageChunk> {
    let message: AIMessageChunk | undefined;
    for await (const chunk of this._streamIterator(input, options)) message = message ? concat(message, chunk) : chunk;
    if (!message) throw new Error('The model produced no message.');
    return message;
  }
}
