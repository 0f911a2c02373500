import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { IndexAssetsError, loadIndexFromAssets } from '../../src/platform/worker/assets-index.js';
import facetDots from '../../src/retrieval/facet-dots.wasm';

// The default embedder inside workerd: the index and its word-vector table come from the static assets.
const index = await loadIndexFromAssets(env.ASSETS);

describe('retrieval in workerd', () => {
  it('loads the word-vector table from the static assets and embeds queries with it', async () => {
    expect(index.manifest.embedder.id).toMatch(/^glove-sif-v1-100d-/);
    const [best] = await index.retriever.search('how to point at an object without keeping it alive', 3);
    expect(best?.tip.id).toBe('avoid-memory-leaks--weak-references');
    expect(best?.vectorScore).toBeGreaterThan(0.3);
    expect(best?.coverage).toBeGreaterThan(0);
  });

  it('understands typos and slang through the Worker entry, and abstains off-topic', async () => {
    const ask = (question: string) =>
      SELF.fetch('http://localhost/v1/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      });
    const typo = (await (await ask('pyhton garbige colector')).json()) as {
      abstained: boolean;
      citations: { id: string }[];
    };
    expect(typo.abstained).toBe(false);
    expect(typo.citations[0]?.id).toMatch(/garbage-collect/);
    const slurp = (await (await ask('my script eats all my RAM when I slurp a 10 GB log')).json()) as {
      abstained: boolean;
    };
    expect(slurp.abstained).toBe(false);
    const div = (await (await ask('how do I center a div')).json()) as { abstained: boolean };
    expect(div.abstained).toBe(true);
  });
});

describe('the facet similarities in workerd', () => {
  it('run in the WebAssembly kernel wrangler bundles, with the numbers JavaScript gives', async () => {
    // A Worker may not compile WebAssembly from bytes: the import is the module wrangler compiled.
    expect(facetDots).toBeInstanceOf(WebAssembly.Module);
    const inJs = await loadIndexFromAssets(env.ASSETS, undefined, { facetDots: undefined });
    for (const query of ['why is a tuple smaller than a list', 'weakref.ref(obj) in a cache', 'read a huge csv']) {
      const [accelerated, plain] = await Promise.all([index.retriever.scoreAll(query), inJs.retriever.scoreAll(query)]);
      expect(accelerated.map((s) => s.vectorScore)).toEqual(plain.map((s) => s.vectorScore));
      expect(accelerated.filter((s) => s.vectorScore > 0).length).toBeGreaterThan(16);
    }
  });
});

describe('KNOWLEDGE_FILES in workerd', () => {
  it('restricts answers to the chosen files, read from the Worker var', async () => {
    const { createWorkerDeps } = await import('../../src/platform/worker/deps.js');
    const deps = await createWorkerDeps({ ...env, KNOWLEDGE_FILES: 'python-memory-guidance.md' } as Parameters<
      typeof createWorkerDeps
    >[0]);
    expect(deps.index.knowledge.tips).toHaveLength(16);
    expect(deps.index.files.filter((f) => f.kind === 'markdown').map((f) => [f.name, f.enabled])).toEqual([
      ['python-memory-guidance.md', true],
      ['python-memory-companion.md', false],
    ]);
    const all = await createWorkerDeps(env);
    expect(all.index.knowledge.tips.length).toBeGreaterThan(16);
  });
});

describe('EMBEDDER in workerd', () => {
  it('asks for the AI binding when EMBEDDER=workers-ai has none', async () => {
    const { createWorkerDeps } = await import('../../src/platform/worker/deps.js');
    await expect(
      createWorkerDeps({ ...env, EMBEDDER: 'workers-ai' } as Parameters<typeof createWorkerDeps>[0]),
    ).rejects.toThrow(/\[ai\] binding = "AI"/);
  });
});

describe('the index in the static assets', () => {
  it('is read through the binding but never served', async () => {
    const direct = await env.ASSETS.fetch('https://assets.invalid/_index/manifest.json');
    expect(direct.status).toBe(200);
    // run_worker_first sends /_index/* to the Worker, which has no such route.
    const res = await SELF.fetch('http://localhost/_index/manifest.json');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.text()).not.toContain('knowledgeHash');
  });

  it('says which file is missing and how to build it', async () => {
    const empty = { fetch: async () => new Response('not found', { status: 404 }) };
    const failure = loadIndexFromAssets(empty);
    await expect(failure).rejects.toBeInstanceOf(IndexAssetsError);
    await expect(failure).rejects.toThrow(/_index\/manifest\.json .*HTTP 404.*npm run build:index/);
  });

  it('needs the ASSETS binding', async () => {
    const { createWorkerDeps } = await import('../../src/platform/worker/deps.js');
    const { ASSETS: _assets, ...withoutAssets } = env;
    await expect(createWorkerDeps(withoutAssets as Parameters<typeof createWorkerDeps>[0])).rejects.toThrow(
      /ASSETS binding is missing/,
    );
  });
});
