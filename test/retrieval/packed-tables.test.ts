import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import {
  packSections,
  PackedFormatError,
  PackedSections,
  PackedStrings,
  runningTotals,
} from '../../src/retrieval/packed-tables.js';
import { CoverageGroups } from '../../src/retrieval/term-coverage.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR } from '../helpers/built-index.js';

const roundTrip = (strings: PackedStrings, prefix = 's') =>
  PackedStrings.fromSections(PackedSections.read(packSections(strings.sections(prefix))), prefix);

describe('PackedStrings', () => {
  it('stores short strings by length and reads them back, with their hash index', () => {
    const words = ['gc', 'weakref', 'tracemalloc', 'gc', 'é—ü'];
    const packed = PackedStrings.from(words);
    expect(Object.keys(packed.sections('w')).sort()).toEqual(['w.lengths', 'w.slots', 'w.units']);
    const read = roundTrip(packed);
    expect(read.toArray()).toEqual(words);
    expect(read.indexOf('weakref')).toBe(1);
    expect(read.indexOf('gc')).toBe(0);
    expect(read.indexOf('é—ü')).toBe(4);
    expect(read.indexOf('weak')).toBe(-1);
  });

  it('stores offsets when a string is 256 code units or longer', () => {
    const long = 'x'.repeat(300);
    const packed = PackedStrings.from(['a', long, 'b']);
    expect(Object.keys(packed.sections('w')).sort()).toEqual(['w.offsets', 'w.slots', 'w.units']);
    const read = roundTrip(packed);
    expect(read.at(1)).toBe(long);
    expect(read.indexOf('b')).toBe(2);
  });

  it('refuses lengths that do not add up to the code units', () => {
    const sections = PackedStrings.from(['ab', 'cd']).sections('w');
    sections['w.lengths'] = Uint8Array.of(2, 3);
    expect(() => PackedStrings.fromSections(PackedSections.read(packSections(sections)), 'w')).toThrow(
      PackedFormatError,
    );
  });

  it('views a prefix as a list of its own', () => {
    const packed = PackedStrings.from(['a', 'b', 'c', 'd']);
    const first = packed.prefix(2);
    expect(first.size).toBe(2);
    expect(first.toArray()).toEqual(['a', 'b']);
    expect(first.indexOf('b')).toBe(1);
    expect(first.indexOf('c')).toBe(-1);
    expect(first.has('d')).toBe(false);
  });

  it("finds another list's string without decoding it", () => {
    const table = PackedStrings.from(['memory', 'leak', 'cycle']);
    const other = PackedStrings.from(['cycle', 'arena', 'leak']);
    expect([0, 1, 2].map((i) => table.indexOfEntry(other, i))).toEqual([2, -1, 1]);
    expect(table.prefix(2).indexOfEntry(other, 0)).toBe(-1);
  });
});

describe('runningTotals', () => {
  it('turns counts into where each item starts', () => {
    expect([...runningTotals(Uint8Array.of(2, 0, 3))]).toEqual([0, 2, 2, 5]);
    expect([...runningTotals(new Uint16Array(0))]).toEqual([0]);
  });
});

describe('CoverageGroups of the built index', async () => {
  const table = WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors)));
  const groups = CoverageGroups.fromSections(
    PackedSections.read(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.tables))),
    'coverage',
  );

  it('screens a word against the vocabulary without losing a match: the same float32 matches as comparing every word', () => {
    // What coverage computed before the integer screen: every vocabulary word's float32 unit
    // vector against the query word's, the best per group above the 0.3 floor, 1 for the word itself.
    const vocabulary: { groups: number[]; unit: Float32Array }[] = [];
    for (let w = 0; w < groups.words.size; w++) {
      const unit = table.unitVector(groups.words.at(w));
      const start = groups.wordStart[w] ?? 0;
      const end = groups.wordStart[w + 1] ?? 0;
      if (unit && end > start) vocabulary.push({ groups: [...groups.wordGroups.subarray(start, end)], unit });
    }
    const words = [...table.words()].filter((_, i) => i % 25 === 3);
    expect(words.length).toBeGreaterThan(300);
    let matched = 0;
    for (const word of words) {
      const unit = table.unitVector(word) as Float32Array;
      const expected = new Float32Array(groups.groupCount);
      for (const other of vocabulary) {
        let dot = 0;
        for (let j = 0; j < table.dimensions; j++) dot += (unit[j] ?? 0) * (other.unit[j] ?? 0);
        if (dot <= 0.3) continue;
        for (const g of other.groups) if (dot > (expected[g] ?? 0)) expected[g] = dot;
      }
      const w = groups.words.indexOf(word);
      if (w >= 0)
        for (const g of groups.wordGroups.subarray(groups.wordStart[w], groups.wordStart[w + 1])) expected[g] = 1;
      const best = new Float32Array(groups.groupCount);
      const touched: number[] = [];
      groups.matchInto(table, word, unit, table.rank(word) ?? -1, best, 0, touched);
      expect(new Set(touched).size).toBe(touched.length);
      expect([...best]).toEqual([...expected]);
      matched += touched.length;
    }
    expect(matched).toBeGreaterThan(words.length);
  }, 60_000);

  it('holds the typo lexicon as the first words of its table', () => {
    expect(groups.lexicon.size).toBeGreaterThan(100);
    expect(groups.lexicon.size).toBeLessThanOrEqual(groups.words.size);
    expect(groups.lexicon.has(groups.lexicon.at(0))).toBe(true);
  });
});
