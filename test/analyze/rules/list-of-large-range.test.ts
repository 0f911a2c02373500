import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf } from '../helpers.js';

const rule = 'list-of-large-range';

describe(rule, () => {
  it.each([
    ['10**7', 'nums = list(range(10**7))', [1]],
    ['underscores and start/step', 'evens = list(range(0, 10_000_000, 2))', [1]],
    ['int(1e6)', 'xs = list(range(int(1e6)))', [1]],
    ['an identity comprehension', 'xs = [i for i in range(2 ** 20)]', [1]],
    ['a name bound to one constant', 'N = 10**7\ndef f():\n    return list(range(N))\n', [3]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['small ranges', 'xs = list(range(100))\nys = list(range(99_999))'],
    ['unknown sizes', 'xs = list(range(n))'],
    ['iterating the range itself', 'for i in range(10**8):\n    pass'],
    ['a comprehension that computes something', 'sq = [i * i for i in range(10**6) if i % 3]'],
    ['a name bound to two different values', 'N = 10**7\nN = 10\nxs = list(range(N))\n'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('states the count and the memory it takes (about 40 bytes per int, measured with tracemalloc)', () => {
    const [finding] = findingsOf('nums = list(range(10**7))', rule);
    expect(finding?.message).toContain('10,000,000 int objects');
    expect(finding?.message).toContain('about 400 MB');
  });
});
