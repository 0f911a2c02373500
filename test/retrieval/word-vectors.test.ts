import { describe, expect, it } from 'vitest';
import { WordVectorFormatError, WordVectors } from '../../src/retrieval/word-vectors.js';
import { builtWordVectorBytes, tinyTable, tinyTableEntries } from './fixtures.js';

describe('WordVectors', () => {
  it('round-trips words, weights and int8 vectors through the binary layout', () => {
    const table = tinyTable();
    expect(table.size).toBe(8);
    expect(table.dimensions).toBe(4);
    expect([...table.words()]).toEqual(tinyTableEntries().map((e) => e.word));
    expect(table.rank('the')).toBe(0);
    expect(table.rank('pizza')).toBe(6);
    expect(table.weight('memory')).toBeCloseTo(0.9, 6);
    expect(table.weight('unknown')).toBe(0);

    const sum = new Float64Array(4);
    expect(table.addTo(sum, 'ram')).toBe(true);
    // weighted vector = vector × weight, within int8 quantization error
    expect(sum[0]).toBeCloseTo(0.95 * 0.95, 2);
    expect(sum[1]).toBeCloseTo(0.1 * 0.95, 2);
    expect(table.addTo(sum, 'nope')).toBe(false);
  });

  it("tells GloVe's most frequent words from the ones the knowledge added (the build's table)", async () => {
    const table = WordVectors.decode(await builtWordVectorBytes());
    expect(table.isCommon('memory')).toBe(true);
    expect(table.isCommon('variable')).toBe(true);
    // Kept for the knowledge, past the most frequent words: plurals of code words.
    expect(table.isCommon('callbacks')).toBe(false);
    expect(table.has('callbacks')).toBe(true);
    expect(table.isCommon('no-such-word')).toBe(false);
  });

  it('gives unit vectors for word-to-word cosine', () => {
    const v = tinyTable().unitVector('storage');
    expect(v).toBeDefined();
    const norm = Math.hypot(...(v ?? []));
    expect(norm).toBeCloseTo(1, 5);
    expect(tinyTable().unitVector('nope')).toBeUndefined();
  });

  it('decodes from any byte offset (a Data module or a Node Buffer slice)', () => {
    const bytes = WordVectors.encode(4, tinyTableEntries());
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const table = WordVectors.decode(shifted.subarray(3));
    expect(table.weight('pizza')).toBeCloseTo(0.99, 6);
    expect(WordVectors.decode(bytes.slice().buffer).checksum).toBe(table.checksum);
  });

  it('has a checksum that changes with the content', () => {
    const entries = tinyTableEntries();
    const a = WordVectors.decode(WordVectors.encode(4, entries));
    const b = WordVectors.decode(
      WordVectors.encode(4, [...entries.slice(0, -1), { word: 'join', vector: [0, 0, 0, 1], weight: 0.9 }]),
    );
    expect(a.checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(a.checksum).not.toBe(b.checksum);
  });

  it('refuses what is not a table, a truncated one, or another version', () => {
    const bytes = WordVectors.encode(4, tinyTableEntries());
    expect(() => WordVectors.decode(new Uint8Array([1, 2, 3]))).toThrow(WordVectorFormatError);
    expect(() => WordVectors.decode(new TextEncoder().encode('{"json": "not a table"}'))).toThrow(/bad magic/);
    expect(() => WordVectors.decode(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/truncated/);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint16(4, 99, true);
    expect(() => WordVectors.decode(otherVersion)).toThrow(/version 99/);
  });

  it('refuses to encode a word that would break the word list', () => {
    expect(() => WordVectors.encode(2, [{ word: 'a\nb', vector: [1, 0], weight: 1 }])).toThrow(WordVectorFormatError);
  });

  it('the built table is small, 100-dimensional, and knows the guidance words and everyday ones', async () => {
    const bytes = await builtWordVectorBytes();
    expect(bytes.byteLength).toBeLessThan(1.5 * 1024 * 1024);
    const table = WordVectors.decode(bytes);
    expect(table.dimensions).toBe(100);
    for (const word of ['memory', 'garbage', 'tuple', 'numpy', 'concatenation', 'slurp', 'house', 'car'])
      expect(table.has(word)).toBe(true);
    // SIF: frequent words weigh little, topical ones a lot
    expect(table.weight('the')).toBeLessThan(0.05);
    expect(table.weight('garbage')).toBeGreaterThan(0.8);
  });
});
