import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'unbounded-cache';

describe(rule, () => {
  it.each([
    ['@cache', '@cache\ndef f(x):\n    return x\n', [1]],
    ['@lru_cache(maxsize=None)', '@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x\n', [1]],
    ['@lru_cache(None)', '@lru_cache(None)\ndef f(x):\n    return x\n', [1]],
    [
      'a staticmethod',
      py`
      class A:
          @staticmethod
          @cache
          def f(x):
              return x
    `,
      [3],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['a bounded cache', '@lru_cache(maxsize=128)\ndef f(x):\n    return x\n@lru_cache\ndef g(x):\n    return x\n'],
    ['a function without arguments (one entry)', '@cache\ndef settings():\n    return load()\n'],
    [
      'an instance method (cache-on-method reports it)',
      'class A:\n    @cache\n    def f(self, x):\n        return x\n',
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('is info and suggests a maxsize', () => {
    const [finding] = findingsOf('@cache\ndef fib(n):\n    return n\n', rule);
    expect(finding?.severity).toBe('info');
    expect(finding?.suggestion).toContain('maxsize=');
  });
});
