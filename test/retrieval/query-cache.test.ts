import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import type { RetrieverOptions } from '../../src/retrieval/load-retriever.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR } from '../helpers/built-index.js';

const defaultEmbedder = createDefaultEmbedder(
  WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors))),
);

/** The default embedder, counting its calls; it fails while `down` is set. */
function countingEmbedder() {
  const state = { calls: 0, down: false };
  const embedder: Embedder = {
    id: defaultEmbedder.id,
    dimensions: defaultEmbedder.dimensions,
    async embed(texts) {
      state.calls++;
      if (state.down) throw new Error('service down');
      return defaultEmbedder.embed(texts);
    },
  };
  return { embedder, state };
}

const load = async (options: RetrieverOptions = {}) => {
  const { embedder, state } = countingEmbedder();
  const index = await loadIndexFromDisk(BUILT_INDEX_DIR, embedder, options);
  return { retriever: index.retriever, state };
};

describe('HybridRetriever query cache', () => {
  it('scores a repeated query once, with the same results', async () => {
    const { retriever, state } = await load();
    const first = await retriever.search('how do I build a big string efficiently?', 3);
    const again = await retriever.search('how do I build a big string efficiently?', 3);
    expect(again).toEqual(first);
    expect(state.calls).toBe(1);
    expect(await retriever.scoreAll('how do I build a big string efficiently?')).toHaveLength(
      JSON.parse(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.manifest), 'utf8')).tipCount,
    );
    expect(state.calls).toBe(1);
  });

  it('hands out copies: a caller sorting or emptying its array does not change the next answer', async () => {
    const { retriever } = await load();
    const scored = await retriever.scoreAll('weakref');
    const expected = [...scored];
    scored.reverse();
    scored.length = 0;
    expect(await retriever.scoreAll('weakref')).toEqual(expected);
  });

  it('does not keep a search whose embedder failed', async () => {
    const { retriever, state } = await load({ onEmbedderError: () => {} });
    state.down = true;
    const degraded = await retriever.scoreAll('weakref');
    state.down = false;
    const full = await retriever.scoreAll('weakref');
    expect(state.calls).toBe(2);
    expect(full.some((s) => s.vectorScore > 0)).toBe(true);
    expect(degraded.every((s) => s.vectorScore === 0)).toBe(true);
  });

  it('keeps at most queryCacheSize queries, and none with 0', async () => {
    const small = await load({ queryCacheSize: 1 });
    await small.retriever.scoreAll('gc');
    await small.retriever.scoreAll('weakref');
    await small.retriever.scoreAll('gc');
    expect(small.state.calls).toBe(3);

    const none = await load({ queryCacheSize: 0 });
    await none.retriever.scoreAll('gc');
    await none.retriever.scoreAll('gc');
    expect(none.state.calls).toBe(2);
  });

  it('does not keep queries over 2,000 characters (a pasted snippet)', async () => {
    const { retriever, state } = await load();
    const long = `why is this slow?\n${'data = data + line\n'.repeat(120)}`;
    await retriever.scoreAll(long);
    await retriever.scoreAll(long);
    expect(state.calls).toBe(2);
  });
});
