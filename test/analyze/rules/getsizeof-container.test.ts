import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'getsizeof-container';

describe(rule, () => {
  it.each([
    ['a list', 'data = [1, 2]\nprint(sys.getsizeof(data))\n', [2]],
    ['an object of unknown type', 'print(sys.getsizeof(obj))', [1]],
    ['getsizeof imported from sys', 'from sys import getsizeof\nsize = getsizeof(cache)\n', [2]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'scalars, whose size it measures exactly',
      'a = sys.getsizeof(42)\nb = sys.getsizeof("abc")\nn = 10\nc = sys.getsizeof(n)\n',
    ],
    ['a deep-size walk over the items', 'total = sum(sys.getsizeof(x) for x in data)'],
    [
      'a recursive deep-size helper',
      py`
      def deep(o):
          size = sys.getsizeof(o)
          if isinstance(o, dict):
              size += sum(deep(v) for v in o.values())
          return size
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('says containers are measured without their items', () => {
    expect(findingsOf('sys.getsizeof([1, 2])', rule)[0]?.message).toContain('not the objects it holds');
  });
});
