import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { SimpleChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { convertEventStreamToIterableReadableDataStream } from '@langchain/core/utils/event_source_parse';
import { ProviderError } from './provider-error.js';

/** One chat message in the shape Workers AI text-generation models take. */
export interface WorkersAiMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface WorkersAiTextInputs {
  readonly messages: readonly WorkersAiMessage[];
  readonly stream?: boolean;
  readonly max_tokens?: number;
  readonly temperature?: number;
}

/**
 * The part of the Worker's `AI` binding (`[ai] binding = "AI"` in wrangler.toml) this adapter uses:
 * `run` answers `{ response }` or, with `stream: true`, a `text/event-stream` body.
 */
export interface WorkersAiBinding {
  run(model: string, inputs: WorkersAiTextInputs, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export interface WorkersAiChatModelFields extends BaseChatModelParams {
  readonly binding: WorkersAiBinding;
  readonly model: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/**
 * A LangChain chat model over Cloudflare Workers AI's `env.AI.run`: no HTTP client, no key, the
 * binding does the call. Streams when asked to (`.stream()`), so tokens reach SSE clients as the
 * model writes them.
 *
 * @example
 * const model = new WorkersAiChatModel({ binding: env.AI, model: '@cf/meta/llama-3.1-8b-instruct', maxTokens: 1024 });
 * for await (const chunk of await model.stream('Why does gc.collect() return a number?')) console.log(chunk.text);
 */
export class WorkersAiChatModel extends SimpleChatModel {
  readonly binding: WorkersAiBinding;
  readonly model: string;
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;

  constructor(fields: WorkersAiChatModelFields) {
    super(fields);
    this.binding = fields.binding;
    this.model = fields.model;
    this.maxTokens = fields.maxTokens;
    this.temperature = fields.temperature;
  }

  _llmType(): string {
    return 'workers-ai';
  }

  async _call(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<string> {
    const result = await this.run(messages, false, options.signal);
    return textOf(result);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const result = await this.run(messages, true, options.signal);
    if (!(result instanceof ReadableStream)) {
      // Some models ignore `stream`; hand their whole answer on as one chunk.
      yield new ChatGenerationChunk({ text: textOf(result), message: new AIMessageChunk(textOf(result)) });
      return;
    }
    for await (const data of convertEventStreamToIterableReadableDataStream(result) as AsyncIterable<string>) {
      if (data === '[DONE]') break;
      const text = deltaOf(parseEvent(data));
      if (!text) continue;
      yield new ChatGenerationChunk({ text, message: new AIMessageChunk(text) });
      await runManager?.handleLLMNewToken(text);
    }
  }

  private async run(messages: BaseMessage[], stream: boolean, signal: AbortSignal | undefined): Promise<unknown> {
    const inputs: WorkersAiTextInputs = {
      messages: messages.map(toWorkersAiMessage),
      stream,
      ...(this.maxTokens === undefined ? {} : { max_tokens: this.maxTokens }),
      ...(this.temperature === undefined ? {} : { temperature: this.temperature }),
    };
    try {
      return await this.binding.run(this.model, inputs, signal ? { signal } : {});
    } catch (error) {
      throw ProviderError.fromWorkersAi(error);
    }
  }
}

function toWorkersAiMessage(message: BaseMessage): WorkersAiMessage {
  const type = message.type;
  const role = type === 'system' ? 'system' : type === 'ai' ? 'assistant' : 'user';
  return { role, content: message.text };
}

function parseEvent(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ProviderError(`Workers AI sent an event that is not JSON: ${data.slice(0, 200)}`);
  }
}

// Workers AI models answer `{ response }`; its OpenAI-compatible models answer `choices[0]`.
function textOf(result: unknown): string {
  if (typeof result === 'string') return result;
  const r = result as { response?: unknown; choices?: { message?: { content?: unknown } }[] } | null;
  if (typeof r?.response === 'string') return r.response;
  const content = r?.choices?.[0]?.message?.content;
  if (typeof content === 'string') return content;
  throw new ProviderError('Workers AI answered without text.');
}

function deltaOf(event: unknown): string {
  const e = event as { response?: unknown; choices?: { delta?: { content?: unknown } }[] } | null;
  if (typeof e?.response === 'string') return e.response;
  const content = e?.choices?.[0]?.delta?.content;
  return typeof content === 'string' ? content : '';
}
