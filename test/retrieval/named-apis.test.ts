import { describe, expect, it } from 'vitest';
import type { Tip } from '../../src/knowledge/types.js';
import {
  codeOnlyWords,
  MAX_NAMED_APIS,
  NamedApiIndex,
  namedApis,
  SPECIFIC_API_UNITS,
} from '../../src/retrieval/named-apis.js';

const source = (file: string) => ({ file, lineStart: 1, lineEnd: 1 });
const unit = (id: string, file: string, text: string, extra: Partial<Tip> = {}): Tip => ({
  id,
  title: id,
  section: 's',
  text,
  examples: [],
  source: source(file),
  facets: [],
  references: [],
  primary: file === 'guide.md',
  see: [],
  extensions: [],
  ...extra,
});

describe('namedApis: the identifiers a question names', () => {
  it('reads dotted, snake_case, camelCase and PascalCase names and names with digits, lower-cased, once', () => {
    expect(
      namedApis(
        'replace chain(*it) with chain.from_iterable(it); np.concatenate, read_csv, StringIO, float32, float32',
      ),
    ).toEqual(['chain.from_iterable', 'np.concatenate', 'read_csv', 'stringio', 'float32']);
  });

  it('skips a run of identifier characters too long to be a name, and still reads the names around it', () => {
    const blob = `x${'a'.repeat(64 * 1024)}.b`;
    expect(namedApis(`np.concatenate(${blob}) then read_csv`)).toEqual(['np.concatenate', 'read_csv']);
    expect(namedApis(`${'a'.repeat(300)}.get_referrers`)).toEqual([]);
    // Punctuation between names splits runs, never a name: the same names as one scan finds.
    expect(namedApis('(gc.get_referrers)+[weakref.finalize],sys.getsizeof;')).toEqual([
      'gc.get_referrers',
      'weakref.finalize',
      'sys.getsizeof',
    ]);
  });

  it("leaves a one-letter variable's names out: the asker's own code, not an API", () => {
    expect(namedApis('f = open(path)\ndata = f.read()\ns.join(parts)\nnp.concatenate(arrays)')).toEqual([
      'np.concatenate',
    ]);
  });

  it('leaves plain words and "python3" out, and stops at MAX_NAMED_APIS', () => {
    expect(namedApis('why does my list use so much memory in python3 on a big box')).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `obj.attr_${i}`).join(' ');
    expect(namedApis(many)).toHaveLength(MAX_NAMED_APIS);
  });
});

describe('NamedApiIndex: which units name an API', () => {
  const tips = [
    unit('tip', 'guide.md', 'Use generators.', {
      // Added by a unit that extends the tip: not what the tip's own line says.
      facets: [{ kind: 'how', text: 'itertools.chain.from_iterable(lists)', source: source('deep.md') }],
    }),
    unit('itertools', 'deep.md', 'Chain lazily with itertools.chain.from_iterable.'),
    unit('pandas-a', 'deep.md', 'pd.read_csv(path, dtype=...)'),
    unit('pandas-b', 'deep.md', 'pd.read_csv(path, usecols=...)'),
    unit('pandas-c', 'deep.md', 'pd.read_csv(path, chunksize=...)'),
  ];
  const index = new NamedApiIndex(tips);

  it("reads a guidance tip's own words only, any other unit's whole text", () => {
    expect(index.names(0, 'chain.from_iterable')).toBe(false);
    expect(index.names(1, 'chain.from_iterable')).toBe(true);
  });

  it('calls an API specific while at most SPECIFIC_API_UNITS units name it', () => {
    expect(SPECIFIC_API_UNITS).toBe(2);
    expect(index.isSpecific('chain.from_iterable')).toBe(true);
    expect(index.isSpecific('read_csv')).toBe(false);
  });

  it('calls an API specific to the one unit whose title names it whole, however many units name it', () => {
    const titled = new NamedApiIndex([
      ...tips,
      unit('csv', 'deep.md', 'Read a csv in parts.', { title: '`read_csv` in parts' }),
      unit('weak', 'deep.md', 'weakref.finalize(obj, f) and weakref.ref(obj)', { title: '`weakref.finalize`' }),
      unit('weak-b', 'deep.md', 'weakref.ref(obj)'),
      unit('weak-c', 'deep.md', 'weakref.proxy(obj)'),
    ]);
    expect(titled.isSpecific('read_csv')).toBe(false);
    expect(titled.isSpecificTo(5, 'read_csv')).toBe(true);
    expect(titled.isSpecificTo(2, 'read_csv')).toBe(false);
    // "`weakref.finalize`" names `weakref.finalize`, not the module `weakref`.
    expect(titled.isSpecificTo(6, 'weakref')).toBe(false);
    expect(titled.isSpecificTo(6, 'weakref.finalize')).toBe(true);
  });

  it('gives no unit an API that two titles name', () => {
    const twice = new NamedApiIndex([
      ...tips,
      unit('csv-a', 'deep.md', 'x', { title: '`read_csv` in parts' }),
      unit('csv-b', 'deep.md', 'y', { title: 'Faster read_csv' }),
    ]);
    expect(twice.isSpecificTo(5, 'read_csv')).toBe(false);
    expect(twice.isSpecificTo(6, 'read_csv')).toBe(false);
  });
});

describe('NamedApiIndex.namedIn: plain words the knowledge writes only as code', () => {
  const tips = [
    unit('lazy', 'deep.md', 'The `itertools` module gives lazy versions of list operations: `islice`, `groupby`.', {
      examples: [{ language: 'python', code: 'engine = create()\nfor k, g in groupby(rows): print(k)' }],
    }),
    unit('map', 'deep.md', 'A `numpy.memmap` reads pages when they are touched: numpy maps the file.'),
    unit('db', 'deep.md', 'Dispose of the engine when done.'),
  ];
  const known = new Set(['lazy', 'versions', 'module', 'islice']);
  const words = codeOnlyWords(tips, (w) => known.has(w));
  const index = new NamedApiIndex(tips, words);

  it('are found once, by the build, sorted: not a prose word, a known word or a domain stop word', () => {
    // "engine" is code in one example but prose in another unit; "islice" is known to this vocabulary.
    // The example's own names count too ("create", "rows", "print"): specificity (`isSpecific`) and
    // the near-tie rule decide whether they ever move a unit.
    expect(words).toEqual(['create', 'groupby', 'itertools', 'memmap', 'print', 'rows']);
  });

  it('finds them beside the identifiers, in the order written', () => {
    expect(index.namedIn('can itertools and numpy.memmap or memmap cut memory?')).toEqual([
      'numpy.memmap',
      'itertools',
      'memmap',
    ]);
  });

  it('leaves out a word some unit writes in prose and one the vocabulary knows', () => {
    // "engine" is code in one example but prose in another unit; "islice" is known to this vocabulary.
    expect(index.namedIn('my engine with islice')).toEqual([]);
    expect(index.namedIn('groupby memory')).toEqual(['groupby']);
  });

  it('without a vocabulary, every code-only word counts; without the words, none; at most MAX_NAMED_APIS in all', () => {
    expect(
      new NamedApiIndex(
        tips,
        codeOnlyWords(tips, () => false),
      ).namedIn('islice please'),
    ).toEqual(['islice']);
    expect(new NamedApiIndex(tips).namedIn('islice please')).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `obj.attr_${i}`).join(' ');
    expect(index.namedIn(`${many} itertools`)).toHaveLength(MAX_NAMED_APIS);
  });
});
