import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../scripts/lib/build-index.js';
import { KNOWLEDGE_DIR } from '../../scripts/lib/paths.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { EmbeddingRequestError } from '../../src/retrieval/embedding-request-error.js';
import { EmbedderMismatchError } from '../../src/retrieval/load-retriever.js';
import {
  createOpenAiCompatibleEmbedder,
  OpenAiCompatibleEmbedder,
} from '../../src/retrieval/openai-compatible-embedder.js';
import { startEmbeddingsStub, type EmbeddingsStub } from './embeddings-stub.js';
import { builtWordVectorBytes } from './fixtures.js';

let stub: EmbeddingsStub;
const temps: string[] = [];
beforeAll(async () => {
  stub = await startEmbeddingsStub();
});
beforeEach(() => {
  stub.requests.length = 0;
});
afterAll(async () => {
  await stub.close();
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

const options = () => ({ baseUrl: stub.baseUrl, model: 'test-embed', apiKey: 'sk-test' });

describe('OpenAiCompatibleEmbedder against a real HTTP stub', () => {
  it('learns the vector length from one probe request when not configured', async () => {
    const embedder = await createOpenAiCompatibleEmbedder(options());
    expect(embedder.dimensions).toBe(64);
    expect(embedder.id).toBe('openai-compatible:test-embed');
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.body).toMatchObject({
      model: 'test-embed',
      input: ['dimension probe'],
      encoding_format: 'float',
    });
    expect(stub.requests[0]?.body).not.toHaveProperty('dimensions');
  });

  it('sends the model, the texts, the key and the configured dimensions; returns vectors in input order', async () => {
    const embedder = await createOpenAiCompatibleEmbedder({ ...options(), dimensions: 32 });
    const [a, b] = await embedder.embed(['weak references', 'string concatenation']);
    const request = stub.requests[0];
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toMatchObject({
      model: 'test-embed',
      input: ['weak references', 'string concatenation'],
      dimensions: 32,
    });
    // the stub answers in reverse order: the client must sort by index
    const [expectedA] = await new OpenAiCompatibleEmbedder({ ...options(), dimensions: 32 }).embed(['weak references']);
    expect(a).toEqual(expectedA);
    expect(b).not.toEqual(a);
  });

  it('sends no Authorization header without a key (local servers), and tolerates a trailing slash', async () => {
    const embedder = new OpenAiCompatibleEmbedder({
      baseUrl: `${stub.baseUrl}/`,
      model: 'nomic-embed-text',
      dimensions: 64,
    });
    await embedder.embed(['x']);
    expect(stub.requests[0]?.headers.authorization).toBeUndefined();
    expect(stub.requests[0]?.path).toBe('/v1/embeddings');
  });

  it('splits large inputs into batches', async () => {
    const embedder = new OpenAiCompatibleEmbedder({ ...options(), dimensions: 64, batchSize: 10 });
    const texts = Array.from({ length: 25 }, (_, i) => `text ${i}`);
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(25);
    expect(stub.requests.map((r) => (r.body.input as string[]).length)).toEqual([10, 10, 5]);
  });

  it.each([
    [{ status: 500 }, /answered 500/],
    [{ status: 401, body: '{"error":{"message":"Incorrect API key"}}' }, /401: .*Incorrect API key/],
    [{ kind: 'not-json' as const }, /not an OpenAI embeddings list/],
    [{ kind: 'wrong-count' as const }, /returned 1 embeddings for 2 inputs/],
  ])('turns a bad answer (%j) into an EmbeddingRequestError', async (fault, message) => {
    stub.fail(fault);
    const embedder = new OpenAiCompatibleEmbedder({ ...options(), dimensions: 64 });
    const err = await embedder.embed(['a', 'b']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingRequestError);
    expect(String(err)).toMatch(message);
  });

  it('refuses vectors of another length than configured', async () => {
    const embedder = new OpenAiCompatibleEmbedder({ ...options(), dimensions: 48, sendDimensions: false });
    await expect(embedder.embed(['a'])).rejects.toThrow(/64-dimensional vectors .* expected 48/);
  });

  it('gives up after its timeout when the server never answers', async () => {
    stub.fail({ kind: 'hang' });
    const embedder = new OpenAiCompatibleEmbedder({ ...options(), dimensions: 64, timeoutMs: 200 });
    await expect(embedder.embed(['a'])).rejects.toThrow(EmbeddingRequestError);
  });

  it('fails clearly when nothing listens', async () => {
    const embedder = new OpenAiCompatibleEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', dimensions: 8 });
    await expect(embedder.embed(['a'])).rejects.toThrow(
      /Embedding request to http:\/\/127\.0\.0\.1:9\/v1\/embeddings failed/,
    );
  });
});

describe('an index built with an OpenAI-compatible embedder', () => {
  it('is searched with the same embedder, refused with another, and falls back to BM25 when the service goes away', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pymem-openai-index-'));
    temps.push(out);
    const embedder = new OpenAiCompatibleEmbedder({ ...options(), dimensions: 256 });
    const { manifest } = await buildIndex({
      knowledgeDir: KNOWLEDGE_DIR,
      outDir: out,
      wordVectors: await builtWordVectorBytes(),
      embedder,
    });
    expect(manifest.embedder).toEqual({ id: 'openai-compatible:test-embed', dimensions: 256 });

    const index = await loadIndexFromDisk(out, embedder);
    const [top] = await index.retriever.search('weak references to objects', 3);
    expect(top?.tip.id).toBe('avoid-memory-leaks--weak-references');
    expect(top?.vectorScore).toBeGreaterThan(0);

    const err = await loadIndexFromDisk(out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderMismatchError);
    expect(String(err)).toContain('openai-compatible:test-embed');

    const down = new OpenAiCompatibleEmbedder({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'test-embed',
      dimensions: 256,
    });
    await expect((await loadIndexFromDisk(out, down)).retriever.search('weakref', 1)).rejects.toThrow(
      EmbeddingRequestError,
    );
    const errors: unknown[] = [];
    const degraded = await loadIndexFromDisk(out, down, { onEmbedderError: (e) => errors.push(e) });
    const [fallback] = await degraded.retriever.search('weakref.ref', 1);
    expect(fallback).toMatchObject({ tip: { id: 'avoid-memory-leaks--weak-references' }, vectorScore: 0 });
    expect(errors[0]).toBeInstanceOf(EmbeddingRequestError);
    // It builds a whole index of the shipped knowledge through the HTTP stub (every unit and search
    // phrase embedded): about 5 s when the suite runs in parallel, so the default 5 s is too tight.
  }, 30_000);
});
