import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'read-whole-file';

describe(rule, () => {
  it.each([
    ['f.read() on a with-bound file', py`
      with open(path, "rb") as f:
          blob = f.read()
    `, [2]],
    ['open(...).read()', py`
      config = json.loads(open("c.json").read())
    `, [1]],
    ['Path.read_text()', py`
      from pathlib import Path
      text = Path("big.log").read_text()
      p = Path("x.bin")
      raw = p.read_bytes()
    `, [2, 4]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['read(size) in chunks', py`
      with open(path, "rb") as f:
          while chunk := f.read(65536):
              h.update(chunk)
    `],
    ['read() on something that is not known to be a file', py`
      body = response.read()
      data = sock.read()
    `],
    ['read().splitlines(), which readlines-into-list reports', py`
      with open(p) as f:
          lines = f.read().splitlines()
    `],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('is info: reading a small file whole is often fine', () => {
    expect(findingsOf('with open(p) as f:\n    s = f.read()\n', rule)[0]?.severity).toBe('info');
  });
});
