import { describe, expect, it } from 'vitest';
import { linesOf, py } from '../helpers.js';

const rule = 'array-growth-in-loop';

describe(rule, () => {
  it.each([
    [
      'np.append',
      py`
      import numpy as np
      a = np.array([])
      for x in xs:
          a = np.append(a, x)
    `,
      [4],
    ],
    [
      'np.vstack, np.concatenate with a tuple',
      py`
      for r in rows:
          m = np.vstack([m, r])
          v = np.concatenate((v, r))
    `,
      [2, 3],
    ],
    [
      'pd.concat',
      py`
      for p in paths:
          df = pd.concat([df, load(p)], ignore_index=True)
    `,
      [2],
    ],
    [
      'an attribute target and an aliased import',
      py`
      import numpy as xp
      while more():
          self.buf = xp.hstack([self.buf, chunk()])
    `,
      [3],
    ],
    [
      'an alias from a lazy import (Python 3.15)',
      py`
      lazy import numpy as xp
      while more():
          buf = xp.hstack([buf, chunk()])
    `,
      [3],
    ],
    [
      'df = df.append(...) (pandas < 2)',
      py`
      import pandas as pd
      for r in rows:
          df = df.append(r, ignore_index=True)
    `,
      [3],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'x = x.append(...) in a module that does not import pandas (a tree node, not a DataFrame)',
      py`
      for c in text:
          node = node.append(make(c))
    `,
    ],
    [
      'a value recomputed every iteration',
      py`
      import numpy as np
      for xs in batches:
          deltas = np.diff(xs)
          deltas = np.append([0.0], deltas)
    `,
    ],
    [
      'collect then concatenate',
      py`
      pieces = []
      for p in paths:
          pieces.append(load(p))
      df = pd.concat(pieces)
    `,
    ],
    [
      'a call that does not take the target',
      py`
      for f in files:
          block = np.vstack(read_rows(f))
    `,
    ],
    ['growth outside a loop', 'a = np.append(a, 1)'],
    [
      'list.append on something else',
      py`
      for x in xs:
          out = other.append(out, x)
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
