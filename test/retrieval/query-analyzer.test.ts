import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, MAX_TYPO_LOOKUPS, QueryAnalyzer } from '../../src/retrieval/query-analyzer.js';
import { codeStopwords, MAX_STEMMED_LETTERS, plainWords, stemWord, tokenize } from '../../src/retrieval/tokenize.js';

const analyzer = new QueryAnalyzer({
  lexicon: ['garbage', 'collector', 'reference', 'memory', 'python', 'string', 'concatenation'],
  isKnownWord: (w) => ['my', 'script', 'eats', 'all', 'when', 'log', 'file', 'pizza', 'order'].includes(w),
  vocabulary: { ram: 'memory', refcount: 'reference count', slurp: 'read whole file', '+=': 'concatenation' },
});

describe('QueryAnalyzer', () => {
  it('adds the guidance words for slang and abbreviations, keeping the original words', () => {
    const a = analyzer.analyze('my script eats all my RAM when I slurp a log');
    expect(a.expansions).toEqual(['memory', 'read whole file']);
    expect(a.expanded).toBe('my script eats all my RAM when I slurp a log\nmemory read whole file');
  });

  it('matches vocabulary by stem ("refcounts" is "refcount")', () => {
    expect(analyzer.analyze('refcounts').expansions).toEqual(['reference count']);
  });

  it('understands the += operator', () => {
    expect(analyzer.analyze('is s += x in a loop bad').expansions).toEqual(['concatenation']);
  });

  it('corrects typos of knowledge words, not ordinary words', () => {
    const a = analyzer.analyze('pyhton garbige colector, order pizza');
    expect(a.corrections).toEqual([
      { from: 'pyhton', to: 'python' },
      { from: 'garbige', to: 'garbage' },
      { from: 'colector', to: 'collector' },
    ]);
    expect(a.expanded).toBe('pyhton garbige colector, order pizza\npython garbage collector');
    // What the asker named is read from `searched`: their words only, no correction or expansion.
    expect(a.searched).toBe('pyhton garbige colector, order pizza');
  });

  it('lists the words that carry the question, without stop words or "python"', () => {
    const a = analyzer.analyze('How do I use the RAM in python with pyhton?');
    expect(a.terms).toEqual([{ word: 'ram', alternatives: ['memory'] }]);
  });

  it('reads English contractions and "re-" as one word, leaving no "re" (the regex module) behind', () => {
    expect(plainWords("we're sure it's Python's, I’ll see; they don't, x['s'], re.compile").join(' ')).toBe(
      'we sure it python i see they dont x s re compile',
    );
    expect(tokenize("lists we're putting into memory, it doesn't shrink")).toEqual(['list', 'put', 'memori', 'shrink']);
    const terms = analyzer.analyze("lists we're putting into memory").terms.map((t) => t.word);
    expect(terms).not.toContain('re');
    expect(plainWords('disable the gc, then re-enable it')).toEqual(['disable', 'the', 'gc', 'then', 'enable', 'it']);
  });

  it('keeps a stop word written as a call: `id(`, `any(` and `all(` are builtins, not English', () => {
    // A real question (w3toppers.com) that had no word left to search and was refused as empty.
    const question = 'Why does id({}) == id({}) and id([]) == id([]) in CPython?';
    expect(codeStopwords(question)).toEqual(new Set(['id']));
    expect(tokenize(question)).toEqual(['id', 'id', 'id', 'id']);
    expect(analyzer.analyze(question).terms.map((t) => t.word)).toContain('id');
    expect(tokenize('use any(x > 0 for x in xs) and all(...)')).toEqual(['ani', 'xs', 'all']); // stemmed, as every term
    // As English, or as a method or an attribute, they stay stop words.
    expect(tokenize('id like to know if any of these is freed, and all ( of them )')).toEqual([
      'like',
      'know',
      'freed',
    ]);
    expect(codeStopwords('obj.id() and self.all(x)')).toEqual(new Set());
  });

  it('keeps "is" where it is the identity operator: in inline code and on `>>>` lines, not in the prose around them', () => {
    expect(tokenize('why is `a is b` True for some strings')).toEqual(['is', 'string']);
    // A real question (real-questions.json, tuning half), pasted from an interactive session on one line.
    expect(tokenize(">>> x = 'a'*21 >>> y = 'a'*21 >>> x is y False. Do you know why it happens?")).toEqual([
      'is',
      'know',
      'happen',
    ]);
    expect(codeStopwords('why is `a is b` True')).toEqual(new Set(['is']));
    expect(codeStopwords('this list is huge and memory is not freed')).toEqual(new Set());
    expect(tokenize('this list is huge')).toEqual(['list', 'huge']);
    const spans = Array.from({ length: 50 }, (_, i) => `\`v${i} is w\` is`).join(' ');
    expect(tokenize(spans).filter((t) => t === 'is')).toHaveLength(50);
  });

  it('searches a long pasted snippet by its first distinct words, repeats dropped', () => {
    const snippet = [
      'import gc',
      'gc.collect()',
      ...Array.from({ length: 3000 }, (_, i) => `value_${i} = compute(value_${i})`),
    ].join('\n');
    const { expanded } = analyzer.analyze(`is this ok?\n${snippet}`);
    const words = new Set(plainWords(expanded));
    expect(words.size).toBeLessThanOrEqual(MAX_QUERY_WORDS);
    expect(expanded).toContain('gc.collect()');
    expect(expanded.length).toBeLessThan(4_000);
    const prose = 'memory leak '.repeat(5_000);
    expect(analyzer.analyze(prose).expanded).toBe('memory leak');
  });

  it("gives a word without a vector the knowledge's forms of it, for coverage only", () => {
    const forms = new QueryAnalyzer({
      // "ints" and "dicts" are knowledge words (in a search phrase, say) that GloVe's table lacks.
      lexicon: ['int', 'ints', 'integer', 'leak', 'leaks', 'dict', 'dicts'],
      isKnownWord: (w) => ['leaking', 'memory'].includes(w),
      vocabulary: {},
    });
    const a = forms.analyze('why do ints and dicts use memory, is it leaking');
    expect(a.terms).toEqual([
      { word: 'ints', alternatives: ['int'] },
      { word: 'dicts', alternatives: ['dict'] },
      { word: 'memory', alternatives: [] },
      // A word with a vector is matched by its vector: no forms (the table knows "leaking").
      { word: 'leaking', alternatives: [] },
    ]);
    // BM25 stems both sides already: the searched text does not repeat the stem.
    expect(a.expanded).toBe('why do ints and dicts use memory, is it leaking');
  });

  it('gives a known word that is not common English its singular, and nothing else (isCommonWord)', () => {
    const forms = new QueryAnalyzer({
      lexicon: ['callback', 'callbacked', 'leak', 'leaks', 'object'],
      // "callbacks" has a vector but is rare; "objects" and "leaking" are common English.
      isKnownWord: (w) => ['callbacks', 'keep', 'objects', 'leaking'].includes(w),
      isCommonWord: (w) => ['keep', 'objects', 'leaking'].includes(w),
      vocabulary: {},
    });
    expect(forms.analyze('callbacks keep objects leaking').terms).toEqual([
      // Not "callbacked": the same stem, but a vector finds such neighbours already.
      { word: 'callbacks', alternatives: ['callback'] },
      { word: 'keep', alternatives: [] },
      { word: 'objects', alternatives: [] },
      { word: 'leaking', alternatives: [] },
    ]);
  });

  it('leaves a plain query as it is', () => {
    expect(analyzer.analyze('memory')).toMatchObject({
      text: 'memory',
      searched: 'memory',
      expanded: 'memory',
      corrections: [],
      expansions: [],
    });
  });
});

describe('what one query may cost', () => {
  it(`looks up at most ${MAX_TYPO_LOOKUPS} words for typos; later words stay as written`, () => {
    const madeUp = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `qx${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}zv`,
      );
    const within = analyzer.analyze(`${madeUp(MAX_TYPO_LOOKUPS - 1).join(' ')} garbige`);
    expect(within.corrections).toEqual([{ from: 'garbige', to: 'garbage' }]);
    const past = analyzer.analyze(`${madeUp(MAX_TYPO_LOOKUPS).join(' ')} garbige`);
    expect(past.corrections).toEqual([]);
    // Words that cannot be typos (known English, knowledge words) cost no lookup.
    expect(analyzer.analyze(`${'order pizza memory '.repeat(20)}garbige`).corrections).toEqual([
      { from: 'garbige', to: 'garbage' },
    ]);
  });

  it(`stems words of up to ${MAX_STEMMED_LETTERS} letters, and keeps a longer one as written`, () => {
    expect(stemWord('leaking')).toBe('leak');
    expect(stemWord('references')).toBe('refer');
    const long = `${'a'.repeat(MAX_STEMMED_LETTERS)}s`;
    expect(stemWord(long)).toBe(long);
    expect(tokenize(`${'b'.repeat(2_000)}ing`)).toEqual([`${'b'.repeat(2_000)}ing`]);
  });
});
