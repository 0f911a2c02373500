import { describe, expect, it } from 'vitest';
import { linesOf } from '../helpers.js';

const rule = 'nested-float-lists';

describe(rule, () => {
  it.each([
    ['[[0.0] * n for _ in range(m)]', 'm = [[0.0] * n for _ in range(rows)]', [1]],
    ['a comprehension of random floats', 'm = [[random.random() for j in range(n)] for i in range(n)]', [1]],
    ['[[0.0] * n] * m', 'm = [[0.0] * n] * rows', [1]],
    [
      'a literal of float rows with 4,096+ numbers',
      `m = [${Array.from({ length: 1366 }, (_, i) => `[${i}.0, 2.5, -1.0]`).join(', ')}]`,
      [1],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['a flat list of floats', 'xs = [0.0] * n\nys = [1.5, 2.5]'],
    ['integer matrices and mixed rows', 'g = [[0] * n for _ in range(m)]\nm = [[1.0, "a"], [2.0, "b"]]'],
    ['ragged literals', 'm = [[1.0, 2.0], [3.0]]'],
    [
      'a small literal table (a 3×3 matrix, a colour map: a few KB)',
      'm = [[1.0, 2.5, 0.0], [3.0, -4.0, 1.0], [5e3, 6.0, 2.0]]',
    ],
    ['numpy', 'm = np.zeros((n, n))'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
