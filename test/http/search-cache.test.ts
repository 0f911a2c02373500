import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR } from '../helpers/built-index.js';

const real = createDefaultEmbedder(WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors))));

async function appWithEmbedder(embedder: Embedder) {
  const index = await loadIndexFromDisk(BUILT_INDEX_DIR, embedder, { onEmbedderError: () => {} });
  return createApp({ index, logger: silentLogger });
}

const search = (query: string, k = 3): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, k }),
});

describe('POST /v1/search rendering cache', () => {
  it('answers a repeated search with the same body, per query and k', async () => {
    let calls = 0;
    const app = await appWithEmbedder({ ...real, embed: (texts) => (calls++, real.embed(texts)) });
    const first = await (await app.request('/v1/search', search('weakref'))).text();
    const again = await (await app.request('/v1/search', search('weakref'))).text();
    const fewer = (await (await app.request('/v1/search', search('weakref', 1))).json()) as { results: unknown[] };
    expect(again).toBe(first);
    expect(calls).toBe(1);
    expect(fewer.results).toHaveLength(1);
  });

  it('does not keep a search made while the embedder was down', async () => {
    let down = true;
    const app = await appWithEmbedder({
      id: real.id,
      dimensions: real.dimensions,
      embed: async (texts) => (down ? Promise.reject(new Error('down')) : real.embed(texts)),
    });
    type Body = { results: { id: string; score: number }[] };
    const degraded = (await (
      await app.request('/v1/search', search('how do I build a big string efficiently?'))
    ).json()) as Body;
    down = false;
    const healthy = (await (
      await app.request('/v1/search', search('how do I build a big string efficiently?'))
    ).json()) as Body;
    expect(healthy.results[0]?.score).toBeGreaterThan(degraded.results[0]?.score ?? 0);
  });
});
