import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { llmConfigSchema } from '../../answer/llm/llm-config.js';
import { PROMPT_FILE_NAMES, type PromptFiles } from '../../answer/llm/prompt-files.js';
import { createLlmSetup, type LlmSetup } from '../../answer/llm/providers.js';
import { parseConfig } from '../../config.js';

/** Reads the prompt files from a folder (`prompts/` by default), so a team can edit them without a build. */
export async function loadPromptFiles(dir: string): Promise<PromptFiles> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch {
      throw new Error(
        `No prompt file ${join(dir, name)}: LLM mode needs system.md, answer.md and snippet-review.md there (PROMPTS_DIR).`,
      );
    }
  };
  return {
    system: await read(PROMPT_FILE_NAMES.system),
    answer: await read(PROMPT_FILE_NAMES.answer),
    snippetReview: await read(PROMPT_FILE_NAMES.snippetReview),
  };
}

const NODE_UNAVAILABLE = {
  'workers-ai':
    "It runs through the Worker's AI binding. On Node, use LLM_PROVIDER=openai-compatible with Workers AI's OpenAI-compatible " +
    'endpoint: LLM_BASE_URL=https://api.cloudflare.com/client/v4/accounts/<account id>/ai/v1 and LLM_API_KEY=<API token>.',
} as const;

/**
 * LLM mode for the Node server from `LLM_*` variables, or `undefined` when `LLM_PROVIDER` is unset.
 * A bad setting is a start-up error that names it.
 *
 * @example
 * const llm = await createNodeLlm(process.env, 'prompts');
 */
export async function createNodeLlm(
  env: Record<string, string | undefined>,
  promptsDir: string,
): Promise<LlmSetup | undefined> {
  const config = parseConfig(llmConfigSchema, env);
  if (!config.LLM_PROVIDER) return undefined;
  // Loaded only when a provider is configured: the OpenAI and Anthropic SDKs are ~20 MB of a
  // server's memory that extractive mode never uses (`npm run bench`, issue #8).
  const { chatModelFactories } = await import('../../answer/llm/chat-models.js');
  return createLlmSetup(config, await loadPromptFiles(promptsDir), {
    factories: chatModelFactories(),
    platform: 'Node',
    unavailable: NODE_UNAVAILABLE,
  });
}
