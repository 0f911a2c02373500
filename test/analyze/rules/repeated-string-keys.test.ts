import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'repeated-string-keys';

describe(rule, () => {
  it.each([
    [
      'per-record dicts keyed by split() results',
      py`
      records = []
      for line in f:
          rec = {}
          for field in line.split(","):
              k, v = field.split("=")
              rec[k] = v
          records.append(rec)
    `,
      [6],
    ],
    [
      'a dict display appended per row',
      py`
      rows = []
      for line in f:
          name, value = line.split(":")
          rows.append({name.strip(): value})
    `,
      [4],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'literal keys',
      py`
      rows = []
      for line in f:
          a, b = line.split(",")
          rows.append({"a": a, "b": b})
    `,
    ],
    [
      'one dict that keeps the first copy of each key',
      py`
      counts = {}
      for line in f:
          word = line.strip()
          counts[word] = counts.get(word, 0) + 1
    `,
    ],
    [
      'per-row dicts that are not kept',
      py`
      for line in f:
          k, v = line.split("=")
          send({k: v})
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests sys.intern on the key', () => {
    expect(
      findingsOf('rs = []\nfor l in f:\n    k, v = l.split("=")\n    rs.append({k: v})\n', rule)[0]?.suggestion,
    ).toContain('sys.intern(k)');
  });
});
