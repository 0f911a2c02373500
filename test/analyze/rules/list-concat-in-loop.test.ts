import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'list-concat-in-loop';

describe(rule, () => {
  it.each([
    [
      'acc = acc + [x]',
      py`
      acc = []
      for x in xs:
          acc = acc + [x]
    `,
      [3],
    ],
    [
      'an unknown target grown by a list literal',
      py`
      while queue:
          seen = seen + [queue.pop()]
    `,
      [2],
    ],
    [
      'tuples',
      py`
      t = ()
      for x in xs:
          t = t + (x,)
    `,
      [3],
    ],
    [
      'prepending',
      py`
      out = []
      for x in xs:
          out = [x] + out
    `,
      [3],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'append and +=',
      py`
      acc = []
      for x in xs:
          acc.append(x)
          acc += [x]
    `,
    ],
    [
      'numbers',
      py`
      n = 0
      for x in xs:
          n = n + x
    `,
    ],
    ['concatenation outside a loop', 'both = left + [mid] + right'],
    [
      'a different target',
      py`
      for x in xs:
          pair = base + [x]
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests append for one item and extend for a list', () => {
    expect(findingsOf('acc = []\nfor x in xs:\n    acc = acc + [x]\n', rule)[0]?.suggestion).toContain('acc.append(x)');
    expect(findingsOf('acc = []\nfor x in xs:\n    acc = acc + x.items\n', rule)[0]?.suggestion).toContain(
      'acc.extend(x.items)',
    );
  });
});
