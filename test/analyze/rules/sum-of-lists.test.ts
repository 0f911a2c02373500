import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf } from '../helpers.js';

const rule = 'sum-of-lists';

describe(rule, () => {
  it.each([
    ['sum(lists, [])', 'flat = sum(lists, [])', [1]],
    ['a start keyword', 'flat = sum(groups, start=[])', [1]],
    ['tuples', 'flat = sum(pairs, ())', [1]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['numbers', 'total = sum(values)\ntotal = sum(values, 0)\nt = sum(xs, start=10)'],
    ['chain.from_iterable', 'flat = list(itertools.chain.from_iterable(lists))'],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests itertools.chain.from_iterable on the same argument', () => {
    expect(findingsOf('sum(rows, [])', rule)[0]?.suggestion).toContain('itertools.chain.from_iterable(rows)');
  });
});
