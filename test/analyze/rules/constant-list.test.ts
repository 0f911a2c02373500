import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf } from '../helpers.js';

const rule = 'constant-list';

describe(rule, () => {
  it('flags a private UPPER_CASE module list of 8+ items nothing changes, and writes the tuple', () => {
    const code = '_DIGITS = [1, 2, 3, 4, 5, 6, 7, 8]\ndef ok(c):\n    return c in _DIGITS\n';
    expect(linesOf(code, rule)).toEqual([1]);
    expect(findingsOf(code, rule)[0]?.suggestion).toBe('`_DIGITS = (1, 2, 3, 4, 5, 6, 7, 8)`');
  });

  it.each([
    [
      'a public constant, which another module may extend or concatenate',
      'COLORS = ["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white"]\n',
    ],
    ['a short private list (a tuple saves 16 bytes)', '_COLORS = ["red", "green"]\n'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
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
