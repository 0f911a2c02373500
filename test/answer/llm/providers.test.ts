import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI, ChatOpenAICompletions } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { llmConfigSchema } from '../../../src/answer/llm/llm-config.js';
import type { PromptFiles } from '../../../src/answer/llm/prompt-templates.js';
import { chatModelFactories } from '../../../src/answer/llm/chat-models.js';
import { createLlmSetup, type ChatModelFactories } from '../../../src/answer/llm/providers.js';
import { WorkersAiChatModel } from '../../../src/answer/llm/workers-ai-chat-model.js';
import { parseConfig } from '../../../src/config.js';

const prompts: PromptFiles = {
  system: 's',
  answer: '{{sources}} {{question}}',
  snippetReview: '{{sources}} {{question}} {{snippet}}',
};
const setup = (env: Record<string, string>, factories: ChatModelFactories = chatModelFactories(), platform = 'Node') =>
  createLlmSetup(parseConfig(llmConfigSchema, env), prompts, { factories, platform });

describe('LLM configuration', () => {
  it('is off when LLM_PROVIDER is unset or blank', () => {
    expect(setup({})).toBeUndefined();
    expect(setup({ LLM_PROVIDER: '', LLM_MODEL: '' })).toBeUndefined();
  });

  it('has defaults for every limit', () => {
    expect(parseConfig(llmConfigSchema, {})).toMatchObject({
      LLM_TIMEOUT_MS: 30_000,
      LLM_MAX_TOKENS: 1_024,
      LLM_MAX_PROMPT_TOKENS: 8_000,
      LLM_MAX_RETRIES: 2,
    });
  });

  it('names every missing or bad variable at once', () => {
    expect(() => parseConfig(llmConfigSchema, { LLM_PROVIDER: 'openai-compatible', LLM_TIMEOUT_MS: '5' })).toThrow(
      /LLM_TIMEOUT_MS: .*\n.*LLM_MODEL: LLM_MODEL is required when LLM_PROVIDER is set\n.*LLM_BASE_URL: LLM_BASE_URL is required for an OpenAI-compatible server/,
    );
    expect(() => parseConfig(llmConfigSchema, { LLM_PROVIDER: 'anthropic', LLM_MODEL: 'claude' })).toThrow(
      'LLM_API_KEY is required for anthropic',
    );
    expect(() => parseConfig(llmConfigSchema, { LLM_PROVIDER: 'gemini' })).toThrow(/LLM_PROVIDER/);
    expect(() =>
      parseConfig(llmConfigSchema, { LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'm', LLM_BASE_URL: 'ftp://x' }),
    ).toThrow(/LLM_BASE_URL/);
  });
});

describe('createLlmSetup', () => {
  it('builds ChatOpenAI for openai (retries are ours: see the stub test counting requests)', () => {
    const llm = setup({ LLM_PROVIDER: 'openai', LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: 'sk-x', LLM_MAX_TOKENS: '300' });
    expect(llm?.model).toBeInstanceOf(ChatOpenAI);
    expect(llm?.model).toMatchObject({ model: 'gpt-4o-mini', maxTokens: 300 });
    expect(llm?.limits).toMatchObject({ maxOutputTokens: 300, maxRetries: 2 });
  });

  it('builds Chat Completions for an OpenAI-compatible server, with a placeholder key for keyless servers', () => {
    const llm = setup({
      LLM_PROVIDER: 'openai-compatible',
      LLM_MODEL: 'llama3.1',
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(llm?.model).toBeInstanceOf(ChatOpenAICompletions);
    expect(llm?.model).toMatchObject({ model: 'llama3.1', apiKey: 'not-needed', streamUsage: false });
  });

  it('builds ChatAnthropic for anthropic, honouring LLM_BASE_URL', () => {
    const llm = setup({
      LLM_PROVIDER: 'anthropic',
      LLM_MODEL: 'claude-sonnet-4-5',
      LLM_API_KEY: 'sk-ant-x',
      LLM_BASE_URL: 'http://127.0.0.1:9/',
    });
    expect(llm?.model).toBeInstanceOf(ChatAnthropic);
    expect(llm?.model).toMatchObject({ model: 'claude-sonnet-4-5', apiUrl: 'http://127.0.0.1:9/' });
  });

  it('builds the Workers AI adapter over the AI binding, and refuses workers-ai without one', () => {
    const binding = { run: async () => ({ response: 'x' }) };
    const env = { LLM_PROVIDER: 'workers-ai', LLM_MODEL: '@cf/meta/llama-3.1-8b-instruct' };
    expect(setup(env, chatModelFactories({ workersAi: binding }), 'the Worker')?.model).toBeInstanceOf(
      WorkersAiChatModel,
    );
    expect(() =>
      createLlmSetup(parseConfig(llmConfigSchema, env), prompts, {
        factories: chatModelFactories(),
        platform: 'Node',
        unavailable: { 'workers-ai': 'Use openai-compatible instead.' },
      }),
    ).toThrow('LLM_PROVIDER=workers-ai is not available on Node. Use openai-compatible instead.');
  });
});
