import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { loadBundledIndex } from '../../src/platform/worker/bundled-index.js';

// The default embedder inside workerd: the word-vector table arrives as a wrangler Data module.
const index = await loadBundledIndex();

describe('retrieval in workerd', () => {
  it('loads the bundled word-vector table and embeds queries with it', async () => {
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

describe('KNOWLEDGE_FILES in workerd', () => {
  it('restricts answers to the chosen files, read from the Worker var', async () => {
    const { env } = await import('cloudflare:test');
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
    const { env } = await import('cloudflare:test');
    const { createWorkerDeps } = await import('../../src/platform/worker/deps.js');
    await expect(
      createWorkerDeps({ ...env, EMBEDDER: 'workers-ai' } as Parameters<typeof createWorkerDeps>[0]),
    ).rejects.toThrow(/\[ai\] binding = "AI"/);
  });
});
