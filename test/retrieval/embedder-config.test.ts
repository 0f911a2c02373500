import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredEmbedder } from '../../src/platform/node/load-index.js';
import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../../src/retrieval/embedder-config.js';
import { OpenAiCompatibleEmbedder } from '../../src/retrieval/openai-compatible-embedder.js';
import { WorkersAiEmbedder } from '../../src/retrieval/workers-ai-embedder.js';
import { startEmbeddingsStub, type EmbeddingsStub } from './embeddings-stub.js';

const fakeAi = {
  run: async (_model: string, inputs: { text: string[] }) => ({
    data: inputs.text.map(() => new Array(384).fill(0.1)),
  }),
};

describe('parseEmbedderConfig', () => {
  it('defaults to the offline embedder', () => {
    expect(parseEmbedderConfig({})).toMatchObject({
      EMBEDDER: 'default',
      WORKERS_AI_MODEL: '@cf/baai/bge-small-en-v1.5',
      EMBEDDINGS_TIMEOUT_MS: 15000,
    });
  });

  it('needs a base URL and a model for EMBEDDER=openai, and lists every bad variable at once', () => {
    expect(() => parseEmbedderConfig({ EMBEDDER: 'openai' })).toThrow(
      /EMBEDDINGS_BASE_URL is required[\s\S]*EMBEDDINGS_MODEL is required/,
    );
    expect(() =>
      parseEmbedderConfig({ EMBEDDER: 'openai', EMBEDDINGS_BASE_URL: 'ftp://x', EMBEDDINGS_MODEL: 'm' }),
    ).toThrow(/EMBEDDINGS_BASE_URL/);
    expect(() =>
      parseEmbedderConfig({
        EMBEDDER: 'openai',
        EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1',
        EMBEDDINGS_MODEL: 'm',
        EMBEDDINGS_DIMENSIONS: '-3',
      }),
    ).toThrow(/EMBEDDINGS_DIMENSIONS/);
    expect(() => parseEmbedderConfig({ EMBEDDER: 'bert' })).toThrow(/EMBEDDER/);
  });

  it('reads numbers from strings, as env vars are', () => {
    expect(
      parseEmbedderConfig({
        EMBEDDER: 'openai',
        EMBEDDINGS_BASE_URL: 'https://api.openai.com/v1',
        EMBEDDINGS_MODEL: 'text-embedding-3-small',
        EMBEDDINGS_DIMENSIONS: '512',
      }),
    ).toMatchObject({ EMBEDDINGS_DIMENSIONS: 512 });
  });
});

describe('creating the configured embedder', () => {
  let stub: EmbeddingsStub;
  beforeAll(async () => {
    stub = await startEmbeddingsStub();
  });
  afterAll(() => stub.close());

  it('gives undefined for the default (it is built over the index’s own table)', async () => {
    expect(await createConfiguredEmbedder({})).toBeUndefined();
    expect(await createConfiguredEmbedderFrom(parseEmbedderConfig({}), {})).toBeUndefined();
  });

  it('builds the OpenAI-compatible embedder from env, key included', async () => {
    const embedder = await createConfiguredEmbedder({
      EMBEDDER: 'openai',
      EMBEDDINGS_BASE_URL: stub.baseUrl,
      EMBEDDINGS_MODEL: 'nomic-embed-text',
      EMBEDDINGS_API_KEY: 'k',
    });
    expect(embedder).toBeInstanceOf(OpenAiCompatibleEmbedder);
    expect(embedder?.dimensions).toBe(64);
    expect(stub.requests.at(-1)?.headers.authorization).toBe('Bearer k');
  });

  // The Worker's wiring of the same (createWorkerDeps, env.AI) is tested in workerd: test/workers/retrieval.test.ts.
  it('uses an AI binding (the Worker’s), and refuses EMBEDDER=workers-ai without one', async () => {
    const embedder = await createConfiguredEmbedderFrom(parseEmbedderConfig({ EMBEDDER: 'workers-ai' }), {
      ai: fakeAi,
    });
    expect(embedder).toBeInstanceOf(WorkersAiEmbedder);
    expect(embedder?.id).toBe('workers-ai:@cf/baai/bge-small-en-v1.5');
    await expect(
      createConfiguredEmbedderFrom(parseEmbedderConfig({ EMBEDDER: 'workers-ai' }), { ai: undefined }),
    ).rejects.toThrow(/\[ai\] binding = "AI"/);
    await expect(createConfiguredEmbedderFrom(parseEmbedderConfig({ EMBEDDER: 'workers-ai' }))).rejects.toThrow(
      /CLOUDFLARE_ACCOUNT_ID/,
    );
  });

  it('reaches Workers AI over REST in Node when given an account and a token', async () => {
    const embedder = await createConfiguredEmbedder({
      EMBEDDER: 'workers-ai',
      CLOUDFLARE_ACCOUNT_ID: 'acc',
      CLOUDFLARE_API_TOKEN: 'tok',
      CLOUDFLARE_API_BASE_URL: stub.cloudflareBaseUrl,
    });
    expect(await embedder?.embed(['x'])).toHaveLength(1);
    expect(stub.requests.at(-1)?.path).toBe('/client/v4/accounts/acc/ai/run/@cf/baai/bge-small-en-v1.5');
  });
});
