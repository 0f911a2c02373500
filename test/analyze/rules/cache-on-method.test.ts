import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'cache-on-method';

describe(rule, () => {
  it.each([
    [
      '@lru_cache',
      py`
      class A:
          @lru_cache
          def f(self, x):
              return x
    `,
      [2],
    ],
    [
      '@functools.lru_cache(maxsize=32) under @property',
      py`
      class A:
          @property
          @functools.lru_cache(maxsize=32)
          def f(self):
              return 1
    `,
      [3],
    ],
    [
      '@cache',
      py`
      class A:
          @functools.cache
          def f(self, x):
              return x
    `,
      [2],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['a module-level function', '@lru_cache(maxsize=128)\ndef f(x):\n    return x\n'],
    [
      'staticmethod and classmethod',
      py`
      class A:
          @staticmethod
          @lru_cache
          def s(x):
              return x
          @classmethod
          @lru_cache
          def c(cls, x):
              return x
    `,
    ],
    [
      'enum members, which are singletons',
      py`
      class Color(Enum):
          RED = 1
          @lru_cache
          def label(self):
              return self.name
    `,
    ],
    [
      'cached_property',
      py`
      class A:
          @cached_property
          def total(self):
              return 1
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('underlines the decorator only, and mentions an unbounded cache', () => {
    const [finding] = findingsOf('class A:\n    @lru_cache(maxsize=None)\n    def f(self):\n        pass\n', rule);
    expect(finding?.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 28 } });
    expect(finding?.message).toContain('which an unbounded cache never does');
    expect(finding?.citation).toMatchObject({
      id: 'caching--lru-cache-on-methods',
      guidance: { id: 'avoid-memory-leaks--weak-references' },
    });
  });
});
