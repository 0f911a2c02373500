import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWordTable, type GloveVectors } from '../../scripts/lib/word-vectors/build-word-table.js';
import { ensureWordVectors, type GloveSource } from '../../scripts/lib/word-vectors/ensure-word-vectors.js';
import { WORD_TABLE_RECIPE } from '../../scripts/lib/word-vectors/word-table-recipe.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';

/** 12 words × 3 dims, in frequency order, with punctuation and a number as GloVe has them. */
const glove: GloveVectors = {
  dimensions: 3,
  words: ['the', ',', 'of', 'memory', '1990', 'house', 'garbage', 'collector', 'tuple', 'weakref', 'zebra', 'numpy'],
  vectors: Object.fromEntries(
    ['the', ',', 'of', 'memory', '1990', 'house', 'garbage', 'collector', 'tuple', 'weakref', 'zebra', 'numpy'].map(
      (w, i) => [w, [Math.sin(i + 1), Math.cos(2 * i + 1), ((i % 3) - 1) / 2, 5.8, i]],
    ),
  ),
};
const recipe = { ...WORD_TABLE_RECIPE, topWords: 6, statisticsWords: 12, removeComponents: 1 };

describe('buildWordTable', () => {
  it('keeps the top words plus the extra ones, drops punctuation and numbers, in rank order', () => {
    const table = WordVectors.decode(buildWordTable(glove, ['numpy', 'tuple', 'notinglove'], recipe));
    expect([...table.words()]).toEqual(['the', 'of', 'memory', 'house', 'tuple', 'numpy']);
    expect(table.dimensions).toBe(3); // GloVe's trailing norm and index columns are not vector dimensions
  });

  it('weighs frequent words less (SIF with Zipf frequencies)', () => {
    const table = WordVectors.decode(buildWordTable(glove, ['numpy'], recipe));
    expect(table.weight('the')).toBeLessThan(table.weight('memory'));
    expect(table.weight('memory')).toBeLessThan(table.weight('numpy'));
    expect(table.weight('numpy')).toBeLessThanOrEqual(1);
  });

  it('is deterministic', () => {
    expect(buildWordTable(glove, ['numpy'], recipe)).toEqual(buildWordTable(glove, ['numpy'], recipe));
  });
});

describe('ensureWordVectors', () => {
  const temps: string[] = [];
  afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

  it('builds once, then reuses the table until the knowledge words or the source change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-wv-'));
    temps.push(dir);
    const knowledge = join(dir, 'knowledge');
    await mkdir(knowledge);
    await writeFile(join(knowledge, 'g.md'), '### S\n\n- **Tip**: numpy saves memory.\n');
    let loads = 0;
    const source: GloveSource = { version: 'test-glove@1', load: async () => (loads++, glove) };
    const outFile = join(dir, 'wv.bin');

    const first = await ensureWordVectors({ knowledgeDir: knowledge, outFile, onlyIfStale: true, source });
    expect(first.built).toBe(true);
    expect(WordVectors.decode(first.bytes).has('numpy')).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'wv.json'), 'utf8'))).toMatchObject({ glove: 'test-glove@1' });

    const again = await ensureWordVectors({ knowledgeDir: knowledge, outFile, onlyIfStale: true, source });
    expect(again.built).toBe(false);
    expect(again.bytes).toEqual(first.bytes);
    expect(loads).toBe(1);

    await writeFile(join(knowledge, 'g.search.json'), JSON.stringify({ tips: { 's--tip': ['weakref zebra'] } }));
    const grown = await ensureWordVectors({ knowledgeDir: knowledge, outFile, onlyIfStale: true, source });
    expect(grown.built).toBe(true);
    expect(WordVectors.decode(grown.bytes).has('zebra')).toBe(true);

    const newer = await ensureWordVectors({
      knowledgeDir: knowledge,
      outFile,
      onlyIfStale: true,
      source: { ...source, version: 'test-glove@2' },
    });
    expect(newer.built).toBe(true);
    expect(loads).toBe(3);
  });
});
