import { describe, expect, it } from 'vitest';
import {
  CJK_GLOSSARY,
  glossaryWords,
  JAPANESE_GLOSSARY,
  KOREAN_GLOSSARY,
  readGlossary,
  withGlossary,
} from '../../src/retrieval/glossary.js';
import { builtIndex } from '../helpers/built-index.js';
import { englishNoReaderReads } from '../helpers/glossary-english.js';

const index = await builtIndex();

describe('src/retrieval/cjk-glossary.json (reviewed words)', () => {
  const entries = [CJK_GLOSSARY, JAPANESE_GLOSSARY, KOREAN_GLOSSARY].flatMap((g) => Object.entries(g));

  it('lists Chinese words (Han characters only) with English in plain Latin words', () => {
    expect(Object.keys(CJK_GLOSSARY).length).toBeGreaterThan(200);
    for (const [written, english] of Object.entries(CJK_GLOSSARY)) {
      expect(written, written).toMatch(/^\p{Script=Han}{1,6}$/u);
      expect(english, written).toMatch(/^[a-z_][a-z_ -]*[a-z]$/i);
    }
  });

  it('lists Japanese words (kana and kanji) and Korean ones (Hangul), none a Chinese entry', () => {
    expect(Object.keys(JAPANESE_GLOSSARY).length).toBeGreaterThan(150);
    expect(Object.keys(KOREAN_GLOSSARY).length).toBeGreaterThan(150);
    for (const [written, english] of Object.entries(JAPANESE_GLOSSARY)) {
      expect(written, written).toMatch(/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,10}$/u);
      expect(Object.hasOwn(CJK_GLOSSARY, written), written).toBe(false);
      expect(english, written).toMatch(/^[a-z_][a-z_ -]*[a-z]$/i);
    }
    for (const [written, english] of Object.entries(KOREAN_GLOSSARY)) {
      expect(written, written).toMatch(/^\p{Script=Hangul}{1,10}$/u);
      expect(english, written).toMatch(/^[a-z_][a-z_ -]*[a-z]$/i);
    }
  });

  it("gives each word English that some reader of a question reads: the knowledge's words, scope evidence or a facet", () => {
    expect(
      englishNoReaderReads(
        index.knowledge.tips,
        entries.map(([, english]) => english),
      ),
    ).toEqual([]);
  });
});

describe('glossaryWords', () => {
  it('takes the longest entry at each position and skips characters that start none', () => {
    expect(glossaryWords('内存占用不断增长，运行接近16小时')).toEqual([
      { written: '内存占用', english: 'memory usage' },
      { written: '不断增长', english: 'keeps growing' },
      { written: '运行', english: 'running' },
    ]);
    // "可能存在" (may exist) is no entry: only the leak is read.
    expect(glossaryWords('可能存在内存泄漏')).toEqual([{ written: '内存泄漏', english: 'memory leak' }]);
  });

  it('reads Japanese and Korean by their own entries, and Chinese by the Chinese ones only', () => {
    expect(glossaryWords('メモリリークの原因を探す').map((w) => w.english)).toEqual([
      'memory leak',
      'cause why',
      'find',
    ]);
    expect(glossaryWords('메모리 누수').map((w) => w.english)).toEqual(['memory', 'leak']);
    expect(readGlossary('メモリリーク').language).toBe('Japanese');
    expect(readGlossary('메모리 누수').language).toBe('Korean');
    // "解放" is a Japanese entry ("free, release"); in Chinese it means "liberation", and a Chinese
    // question is not read by the Japanese entries.
    expect(glossaryWords('解放内存').map((w) => w.english)).toEqual(['memory']);
  });

  it('reads traditional spellings, lists a repeated word once, and leaves other scripts alone', () => {
    expect(glossaryWords('記憶體洩漏：記憶體洩漏').map((w) => w.english)).toEqual(['memory leak']);
    expect(glossaryWords('memory leak')).toEqual([]);
    // A character outside the Basic Multilingual Plane (two UTF-16 units) is skipped, not split.
    expect(glossaryWords('𠀀内存')).toEqual([{ written: '内存', english: 'memory' }]);
  });
});

describe('withGlossary', () => {
  it('puts the English first, where a long question is still read', () => {
    expect(withGlossary('为什么内存不释放')).toBe('why memory not released\n为什么内存不释放');
  });

  it('returns a question without words of a language the glossary knows as it is', () => {
    for (const text of ['why do tuples take less space than lists?', '', 'x = [1, 2]\nprint(x)', 'Γιατί η μνήμη;']) {
      expect(withGlossary(text)).toBe(text);
    }
  });
});
