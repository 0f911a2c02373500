import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNodeLlm } from '../../src/platform/node/llm.js';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

describe('createNodeLlm', () => {
  it('is undefined without LLM_PROVIDER (extractive mode, no provider SDK loaded)', async () => {
    expect(await createNodeLlm({}, PROMPTS_DIR)).toBeUndefined();
  });

  it('builds the configured provider, its SDK loaded on demand', async () => {
    const llm = await createNodeLlm(
      { LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'llama3.1' },
      PROMPTS_DIR,
    );
    expect(llm).toMatchObject({ provider: 'openai-compatible', modelName: 'llama3.1' });
    expect(llm?.prompts.system.length).toBeGreaterThan(0);
  });

  it('names the provider Node cannot offer', async () => {
    await expect(
      createNodeLlm({ LLM_PROVIDER: 'workers-ai', LLM_MODEL: '@cf/meta/llama-3.1-8b-instruct' }, PROMPTS_DIR),
    ).rejects.toThrow(/workers-ai is not available on Node/);
  });
});
