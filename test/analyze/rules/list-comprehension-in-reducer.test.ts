import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'list-comprehension-in-reducer';

describe(rule, () => {
  it.each([
    ['sum', 'total = sum([x * x for x in xs])', [1]],
    [
      'any and all',
      py`
      a = any([u.admin for u in users])
      b = all([check(x) for x in xs if x])
    `,
      [1, 2],
    ],
    [
      'max and min with keywords',
      py`
      m = max([len(w) for w in words], default=0)
      n = min([abs(v) for v in vs])
    `,
      [1, 2],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['generator expressions', 'total = sum(x for x in xs)\nok = any(f(x) for x in xs)'],
    [
      'str.join of a list comprehension',
      'line = ", ".join([f(x) for x in xs])\ns = "".join([c.upper() for c in text])',
    ],
    ['a list that is not a comprehension', 'total = sum([a, b, c])\nm = max(values)'],
    ['sorted and list, which build a list anyway', 'xs = sorted([f(x) for x in ys])'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests the generator form, parenthesized when there are more arguments', () => {
    expect(findingsOf('sum([x for x in xs])', rule)[0]?.suggestion).toContain('`sum(x for x in xs)`');
    expect(findingsOf('max([len(w) for w in ws], default=0)', rule)[0]?.suggestion).toContain(
      '`max((len(w) for w in ws), …)`',
    );
  });

  it('says any/all lose short-circuiting', () => {
    expect(findingsOf('any([f(x) for x in xs])', rule)[0]?.message).toContain('could stop at the first decisive one');
  });
});
