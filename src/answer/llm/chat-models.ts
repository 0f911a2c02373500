import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI, ChatOpenAICompletions } from '@langchain/openai';
import type { ChatModelFactories, ChatModelSettings } from './providers.js';
import { WorkersAiChatModel, type WorkersAiBinding } from './workers-ai-chat-model.js';

/** Host capabilities a provider may need: the Worker's `AI` binding for `workers-ai`. */
export interface ChatModelBindings {
  readonly workersAi?: WorkersAiBinding | undefined;
}

const optionalTemperature = (s: ChatModelSettings) =>
  s.temperature === undefined ? {} : { temperature: s.temperature };

/**
 * The providers, through their LangChain integrations (`@langchain/openai`, `@langchain/anthropic`)
 * on Node and on the Worker alike, plus `workers-ai` where the `AI` binding is given. The clients'
 * own retries are off (`maxRetries: 0`).
 *
 * @example
 * const factories = chatModelFactories({ workersAi: env.AI });
 */
export function chatModelFactories(bindings: ChatModelBindings = {}): ChatModelFactories {
  const { workersAi } = bindings;
  return {
    openai: (s) =>
      new ChatOpenAI({
        model: s.model,
        apiKey: s.apiKey,
        maxTokens: s.maxTokens,
        maxRetries: 0,
        timeout: s.timeoutMs,
        ...optionalTemperature(s),
        ...(s.baseUrl ? { configuration: { baseURL: s.baseUrl } } : {}),
      }),
    // Chat Completions only (never the Responses API), no `stream_options` (not every server knows
    // it), and a placeholder key for local servers that take none (the client insists on one).
    'openai-compatible': (s) =>
      new ChatOpenAICompletions({
        model: s.model,
        apiKey: s.apiKey ?? 'not-needed',
        maxTokens: s.maxTokens,
        maxRetries: 0,
        timeout: s.timeoutMs,
        streamUsage: false,
        ...optionalTemperature(s),
        configuration: { baseURL: s.baseUrl },
      }),
    anthropic: (s) =>
      new ChatAnthropic({
        model: s.model,
        apiKey: s.apiKey,
        maxTokens: s.maxTokens,
        maxRetries: 0,
        clientOptions: { timeout: s.timeoutMs },
        ...optionalTemperature(s),
        ...(s.baseUrl ? { anthropicApiUrl: s.baseUrl } : {}),
      }),
    ...(workersAi
      ? {
          'workers-ai': (s: ChatModelSettings) =>
            new WorkersAiChatModel({
              binding: workersAi,
              model: s.model,
              maxTokens: s.maxTokens,
              temperature: s.temperature,
              maxRetries: 0,
            }),
        }
      : {}),
  };
}
