import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf } from '../helpers.js';

const rule = 'constant-list';

describe(rule, () => {
  it('flags an UPPER_CASE module list nothing changes, and writes the tuple', () => {
    const code = 'COLORS = ["red", "green"]\ndef ok(c):\n    return c in COLORS\n';
    expect(linesOf(code, rule)).toEqual([1]);
    expect(findingsOf(code, rule)[0]?.suggestion).toBe('`COLORS = ("red", "green")`');
    expect(findingsOf('ONE = [1]\n', rule)[0]?.suggestion).toBe('`ONE = (1,)`');
  });

  it.each([
    ['a list appended to', 'NAMES = ["a"]\ndef add(n):\n    NAMES.append(n)\n'],
    ['a list sorted in place', 'NAMES = ["b", "a"]\nNAMES.sort()\n'],
    ['a list assigned by index', 'SLOTS = [None, None]\nSLOTS[0] = 1\n'],
    ['a list passed to an unknown function', 'ITEMS = [3, 1]\nrandom.shuffle(ITEMS)\n'],
    ['lower-case names and empty lists', 'colors = ["red"]\nREGISTRY = []\n'],
    ['lists inside functions and classes', 'def f():\n    X = [1, 2]\n    return X\nclass C:\n    FIELDS = ["a"]\n'],
    ['a list rebound later', 'MODES = ["a"]\nMODES = MODES + ["b"]\n'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
