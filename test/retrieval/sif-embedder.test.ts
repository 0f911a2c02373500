import { describe, expect, it } from 'vitest';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import { SifEmbedder } from '../../src/retrieval/sif-embedder.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { builtWordVectorBytes, tinyTable } from './fixtures.js';

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('SifEmbedder', () => {
  it('embeds a text as the unit-length weighted sum of its words', async () => {
    const embedder = new SifEmbedder(tinyTable());
    const [v] = await embedder.embed(['The memory']);
    expect(v).toHaveLength(4);
    expect(Math.hypot(...(v ?? []))).toBeCloseTo(1, 5);
    // "the" weighs 0.01, so "memory" decides the direction
    expect(v?.[0]).toBeGreaterThan(0.95);
  });

  it('puts synonyms close and unrelated words far', async () => {
    const embedder = new SifEmbedder(tinyTable());
    const [ram, memory, pizza] = await embedder.embed(['my RAM', 'memory', 'pizza']);
    expect(cosine(ram ?? [], memory ?? [])).toBeGreaterThan(0.9);
    expect(cosine(pizza ?? [], memory ?? [])).toBeLessThan(0.1);
  });

  it('splits identifiers into words and gives all zeros when no word is known', async () => {
    const embedder = new SifEmbedder(tinyTable());
    const [joined, unknown] = await embedder.embed(['str.join(text_parts)', 'zzz qqq']);
    expect(cosine(joined ?? [], embedder.embedOne('join text'))).toBeCloseTo(1, 5);
    expect(unknown).toEqual([0, 0, 0, 0]);
  });

  it('leaves ignored words out and says so in its id', async () => {
    const plain = new SifEmbedder(tinyTable());
    const ignoring = new SifEmbedder(tinyTable(), { ignoredWords: new Set(['pizza']) });
    expect(ignoring.embedOne('pizza memory')).toEqual(plain.embedOne('memory'));
    expect(ignoring.id).not.toBe(plain.id);
    expect(plain.id).toMatch(/^glove-sif-v1-4d-8w-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('is deterministic', () => {
    const embedder = new SifEmbedder(tinyTable());
    expect(embedder.embedOne('memory text')).toEqual(new SifEmbedder(tinyTable()).embedOne('memory text'));
  });

  it('over the built GloVe table, relates words the guidance does not use to its topics', async () => {
    const embedder = createDefaultEmbedder(WordVectors.decode(await builtWordVectorBytes()));
    const [ram, memory, pizza] = await embedder.embed(['RAM', 'memory', 'pizza']);
    expect(cosine(ram ?? [], memory ?? [])).toBeGreaterThan(cosine(pizza ?? [], memory ?? []) + 0.2);
    // "python" is a domain stop word: the whole guidance is about it
    expect(await embedder.embed(['python memory'])).toEqual(await embedder.embed(['memory']));
  });
});
