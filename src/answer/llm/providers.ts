import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { limitsFromConfig, type LlmConfig, type LlmLimits, type LlmProviderName } from './llm-config.js';
import type { PromptFiles } from './prompt-templates.js';

/** Everything LLM mode needs; the entries build it from config. Absent, answers are extractive. */
export interface LlmSetup {
  readonly provider: LlmProviderName;
  readonly modelName: string;
  readonly model: BaseChatModel;
  readonly prompts: PromptFiles;
  readonly limits: LlmLimits;
}

/** What a provider's chat model is built from (the `LLM_*` settings). */
export interface ChatModelSettings {
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly baseUrl: string | undefined;
  readonly maxTokens: number;
  readonly temperature: number | undefined;
  readonly timeoutMs: number;
}

/**
 * Builds one provider's LangChain chat model. It must not retry on its own: `RetryingChatModel`
 * owns retries, so the per-answer deadline covers them.
 */
export type ChatModelFactory = (settings: ChatModelSettings) => BaseChatModel;

/** The providers a platform offers (see `chatModelFactories`). */
export type ChatModelFactories = Partial<Readonly<Record<LlmProviderName, ChatModelFactory>>>;

export interface LlmSetupOptions {
  readonly factories: ChatModelFactories;
  /** Names the platform in the error for a provider it does not offer, e.g. "Node". */
  readonly platform: string;
  /** Says what to do instead, per provider the platform does not offer. */
  readonly unavailable?: Partial<Readonly<Record<LlmProviderName, string>>>;
}

/**
 * LLM mode as the config asks for it, or `undefined` when `LLM_PROVIDER` is unset.
 *
 * @example
 * const llm = createLlmSetup(parseConfig(llmConfigSchema, process.env), prompts, { factories: chatModelFactories(), platform: 'Node' });
 * const app = createApp({ index, logger, llm });
 */
export function createLlmSetup(
  config: LlmConfig,
  prompts: PromptFiles,
  options: LlmSetupOptions,
): LlmSetup | undefined {
  const provider = config.LLM_PROVIDER;
  const modelName = config.LLM_MODEL;
  if (!provider || !modelName) return undefined;
  const factory = options.factories[provider];
  if (!factory) {
    const instead = options.unavailable?.[provider];
    throw new Error(`LLM_PROVIDER=${provider} is not available on ${options.platform}.${instead ? ` ${instead}` : ''}`);
  }
  const limits = limitsFromConfig(config);
  const model = factory({
    model: modelName,
    apiKey: config.LLM_API_KEY,
    baseUrl: config.LLM_BASE_URL,
    maxTokens: limits.maxOutputTokens,
    temperature: config.LLM_TEMPERATURE,
    timeoutMs: limits.timeoutMs,
  });
  return { provider, modelName, model, prompts, limits };
}
