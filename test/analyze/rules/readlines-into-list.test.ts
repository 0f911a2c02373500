import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'readlines-into-list';

describe(rule, () => {
  it.each([
    ['readlines() in a for header', py`
      with open(p) as f:
          for line in f.readlines():
              print(line)
    `, [2]],
    ['readlines() on any stream', py`
      lines = sys.stdin.readlines()
    `, [1]],
    ['list(f)', py`
      with open(p) as f:
          lines = list(f)
    `, [2]],
    ['list(open(...))', py`
      rows = list(open("rows.txt"))
    `, [1]],
    ['f.read().splitlines() and split("\\n")', py`
      with open(p) as f:
          a = f.read().splitlines()
          b = f.read().split("\n")
    `, [2, 3]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['iterating the file', py`
      with open(p) as f:
          for line in f:
              print(line)
    `],
    ['readlines(hint) in batches', py`
      with open(p) as f:
          while batch := f.readlines(1 << 20):
              handle(batch)
    `],
    ['list() of something else', py`
      items = list(generator())
      words = text.split("\\n")
    `],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests iterating the named file object', () => {
    expect(findingsOf('with open(p) as log:\n    for l in log.readlines():\n        pass\n', rule)[0]?.suggestion).toContain('for line in log:');
  });
});
