import { chatModelFactories } from '../../answer/llm/chat-models.js';
import { llmConfigSchema } from '../../answer/llm/llm-config.js';
import type { PromptFiles } from '../../answer/llm/prompt-files.js';
import { createLlmSetup, type LlmSetup } from '../../answer/llm/providers.js';
import type { WorkersAiBinding } from '../../answer/llm/workers-ai-chat-model.js';
import { parseConfig } from '../../config.js';
// Bundled as text by the `[[rules]] type = "Text"` rule in wrangler.toml.
import answer from '../../../prompts/answer.md';
import snippetReview from '../../../prompts/snippet-review.md';
import system from '../../../prompts/system.md';

/** The prompts as bundled into the Worker at deploy time. */
export const BUNDLED_PROMPTS: PromptFiles = { system, answer, snippetReview };

/** The Worker vars and binding LLM mode reads: `LLM_*`, and `AI` for `LLM_PROVIDER=workers-ai`. */
export interface WorkerLlmEnv {
  readonly AI?: WorkersAiBinding;
  readonly [name: string]: unknown;
}

/**
 * LLM mode for the Worker from its vars and secrets, or `undefined` when `LLM_PROVIDER` is unset.
 * Every provider is offered; `workers-ai` needs the `AI` binding.
 *
 * @example
 * const app = createApp({ index, llm: createWorkerLlm(env) });
 */
export function createWorkerLlm(env: WorkerLlmEnv | undefined): LlmSetup | undefined {
  const vars = env ?? {};
  const config = parseConfig(llmConfigSchema, vars);
  if (!config.LLM_PROVIDER) return undefined;
  return createLlmSetup(config, BUNDLED_PROMPTS, {
    factories: chatModelFactories({ workersAi: vars.AI }),
    platform: 'the Worker',
    unavailable: { 'workers-ai': 'Add the AI binding to wrangler.toml: [ai] binding = "AI".' },
  });
}
