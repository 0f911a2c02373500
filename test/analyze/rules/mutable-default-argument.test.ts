import { describe, expect, it } from 'vitest';
import { findingsOf, py } from '../helpers.js';

const rule = 'mutable-default-argument';
const severities = (code: string) => findingsOf(code, rule).map((f) => [f.range.start.line + 1, f.severity]);

describe(rule, () => {
  it.each([
    [
      'an appended list default',
      py`
      def add(x, acc=[]):
          acc.append(x)
          return acc
    `,
      [[1, 'warning']],
    ],
    [
      'a returned dict default',
      py`
      def opts(o={}):
          return o
    `,
      [[1, 'warning']],
    ],
    [
      'a set stored on self',
      py`
      class A:
          def __init__(self, tags=set()):
              self.tags = tags
    `,
      [[2, 'warning']],
    ],
    [
      'a keyword-only defaultdict and a lambda default',
      py`
      def f(*, index=collections.defaultdict(list)):
          index["a"].append(1)
      g = lambda acc=[]: acc
    `,
      [
        [1, 'warning'],
        [3, 'warning'],
      ],
    ],
  ])('flags %s', (_name, code, expected) => {
    expect(severities(code)).toEqual(expected);
  });

  it.each([
    [
      'None and immutable defaults',
      py`
      def f(a=None, b=(), c=0, d="x", e=frozenset()):
          pass
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(severities(code)).toEqual([]);
  });

  it.each([
    [
      'a default that is only read (no memory cost; a style issue Ruff B006 covers)',
      py`
      def lookup(k, table={}):
          return table.get(k)
    `,
    ],
    [
      'a default passed to a function that only reads it',
      py`
      def plot(data=None, variables={}):
          return assign_variables(data, variables)
    `,
    ],
    [
      'a rebound parameter',
      py`
      def f(items=[]):
          items = list(items)
          items.append(1)
          return items
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(severities(code)).toEqual([]);
  });

  it('suggests the None idiom', () => {
    expect(findingsOf('def f(x=[]):\n    x.append(1)\n', rule)[0]?.suggestion).toContain('if x is None: x = []');
  });
});
