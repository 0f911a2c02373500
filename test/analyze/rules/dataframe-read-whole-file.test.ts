import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'dataframe-read-whole-file';

describe(rule, () => {
  it.each([
    ['pd.read_csv', 'import pandas as pd\ndf = pd.read_csv("big.csv")\n', [2]],
    [
      'pandas.read_json and an imported alias',
      py`
      import pandas as pds
      a = pandas.read_json("a.json")
      b = pds.read_json("b.json", orient="records")
    `,
      [2, 3],
    ],
    ['read_parquet without columns', 'df = pd.read_parquet("x.parquet")\n', [1]],
    [
      'a reader imported from pandas',
      py`
      from pandas import read_csv, read_json as rj
      a = read_csv("a.csv")
      b = rj("b.json")
    `,
      [2, 3],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'chunksize, usecols, dtype, nrows',
      py`
      for c in pd.read_csv(p, chunksize=10_000):
          pass
      a = pd.read_csv(p, usecols=["a"])
      b = pd.read_csv(p, dtype={"a": "int32"})
      c = pd.read_json(p, lines=True, chunksize=1000)
      d = pd.read_csv(p, nrows=100)
    `,
    ],
    ['keyword arguments passed through **', 'df = pd.read_csv(path, **options)'],
    ['another module with a read_csv', 'rows = mylib.read_csv("a.csv")'],
    ['a bare read_csv not imported from pandas', 'from mylib import read_csv\nrows = read_csv("a.csv")\n'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests lines=True with chunksize for read_json', () => {
    expect(findingsOf('pd.read_json("a")', rule)[0]?.suggestion).toContain('chunksize=100_000, lines=True');
  });
});
