import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashedNgramEmbedder } from '../../src/retrieval/hashed-ngram-embedder.js';
import { EmbeddingRequestError } from '../../src/retrieval/embedding-request-error.js';
import {
  createWorkersAiRestBinding,
  WorkersAiEmbedder,
  type WorkersAiBinding,
} from '../../src/retrieval/workers-ai-embedder.js';
import { startEmbeddingsStub, type EmbeddingsStub } from './embeddings-stub.js';

/** Implements the binding's `run` the way Workers AI answers for text embedding models. */
function fakeAi(dims = 384): WorkersAiBinding & { calls: { model: string; text: string[] }[] } {
  const calls: { model: string; text: string[] }[] = [];
  return {
    calls,
    async run(model, inputs) {
      calls.push({ model, text: inputs.text });
      const data = await new HashedNgramEmbedder({ dimensions: dims }).embed(inputs.text);
      return { shape: [data.length, dims], data, pooling: 'cls' };
    },
  };
}

describe('WorkersAiEmbedder (AI binding)', () => {
  it('defaults to bge-small-en-v1.5 with 384 dimensions and calls run with the texts', async () => {
    const ai = fakeAi();
    const embedder = new WorkersAiEmbedder({ ai });
    expect(embedder.id).toBe('workers-ai:@cf/baai/bge-small-en-v1.5');
    expect(embedder.dimensions).toBe(384);
    const vectors = await embedder.embed(['weak references', 'gc.collect()']);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(384);
    expect(ai.calls).toEqual([{ model: '@cf/baai/bge-small-en-v1.5', text: ['weak references', 'gc.collect()'] }]);
  });

  it('knows the other bge models, and takes the dimensions of any other model from config', () => {
    expect(new WorkersAiEmbedder({ ai: fakeAi(), model: '@cf/baai/bge-base-en-v1.5' }).dimensions).toBe(768);
    expect(new WorkersAiEmbedder({ ai: fakeAi(), model: '@cf/new/model', dimensions: 512 }).dimensions).toBe(512);
    expect(() => new WorkersAiEmbedder({ ai: fakeAi(), model: '@cf/new/model' })).toThrow(/WORKERS_AI_DIMENSIONS/);
  });

  it('batches at 100 texts per call', async () => {
    const ai = fakeAi();
    await new WorkersAiEmbedder({ ai }).embed(Array.from({ length: 250 }, (_, i) => `t${i}`));
    expect(ai.calls.map((c) => c.text.length)).toEqual([100, 100, 50]);
  });

  it('turns a failing or malformed answer into an EmbeddingRequestError', async () => {
    const failing: WorkersAiBinding = { run: () => Promise.reject(new Error('3040: capacity exceeded')) };
    await expect(new WorkersAiEmbedder({ ai: failing }).embed(['a'])).rejects.toThrow(/capacity exceeded/);
    const empty: WorkersAiBinding = { run: async () => ({ response: 'not embeddings' }) };
    await expect(new WorkersAiEmbedder({ ai: empty }).embed(['a'])).rejects.toThrow(EmbeddingRequestError);
    await expect(new WorkersAiEmbedder({ ai: fakeAi(128) }).embed(['a'])).rejects.toThrow(/128 dims .* expected 384/);
  });
});

describe('createWorkersAiRestBinding against a real HTTP stub', () => {
  let stub: EmbeddingsStub;
  beforeAll(async () => {
    stub = await startEmbeddingsStub();
  });
  afterAll(() => stub.close());

  it('calls POST /accounts/:id/ai/run/:model with the token, so Node builds the index the Worker serves', async () => {
    const ai = createWorkersAiRestBinding({
      accountId: 'acc123',
      apiToken: 'cf-token',
      baseUrl: stub.cloudflareBaseUrl,
    });
    const embedder = new WorkersAiEmbedder({ ai });
    const [v] = await embedder.embed(['chunking large files']);
    expect(v).toHaveLength(384);
    const request = stub.requests.at(-1);
    expect(request?.path).toBe('/client/v4/accounts/acc123/ai/run/@cf/baai/bge-small-en-v1.5');
    expect(request?.headers.authorization).toBe('Bearer cf-token');
    expect(request?.body).toEqual({ text: ['chunking large files'] });
    // the same model through the binding gives the same vectors: one embedder id for both
    expect(v).toEqual((await new WorkersAiEmbedder({ ai: fakeAi() }).embed(['chunking large files']))[0]);
  });

  it('reports an API error', async () => {
    stub.fail({ status: 403, body: '{"success":false,"errors":[{"message":"Authentication error"}]}' });
    const ai = createWorkersAiRestBinding({ accountId: 'acc', apiToken: 'bad', baseUrl: stub.cloudflareBaseUrl });
    await expect(new WorkersAiEmbedder({ ai }).embed(['a'])).rejects.toThrow(/403: .*Authentication error/);
  });
});
