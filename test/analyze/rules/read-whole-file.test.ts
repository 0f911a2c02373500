import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'read-whole-file';

describe(rule, () => {
  it.each([
    [
      'a file read whole only to be hashed',
      py`
      with open(path, "rb") as f:
          digest = hashlib.sha256(f.read()).hexdigest()
    `,
      [2],
    ],
    [
      'a read fed to h.update() through a name',
      py`
      with open(path, "rb") as f:
          data = f.read()
      h.update(data)
    `,
      [2],
    ],
    [
      'a file copied with write(read())',
      py`
      with open(a, "rb") as src, open(b, "wb") as dst:
          dst.write(src.read())
    `,
      [2],
    ],
    [
      'a read looped over',
      py`
      with open(p) as f:
          for word in f.read().split():
              count(word)
    `,
      [2],
    ],
    [
      'Path.read_bytes() hashed',
      py`
      from pathlib import Path
      h = hashlib.md5(Path("big.iso").read_bytes())
    `,
      [2],
    ],
    [
      'a file parameter (fp)',
      py`
      def checksum(fp):
          return zlib.crc32(fp.read())
    `,
      [2],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'read(size) in chunks',
      py`
      with open(path, "rb") as f:
          while chunk := f.read(65536):
              h.update(chunk)
    `,
    ],
    [
      'read() on something that is not known to be a file',
      py`
      body = response.read()
      data = sock.read()
    `,
    ],
    [
      'read().splitlines(), which readlines-into-list reports',
      py`
      with open(p) as f:
          lines = f.read().splitlines()
    `,
    ],
    [
      'content that is needed whole (parsed, compiled, executed, stored)',
      py`
      with open(p) as f:
          config = json.loads(f.read())
      with open(t) as f:
          template = Template(f.read())
      with open(s) as f:
          exec(f.read(), globals())
    `,
    ],
    [
      'a read used more than once',
      py`
      with open(p, "rb") as f:
          data = f.read()
      h.update(data)
      cache[p] = data
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('is info, with a chunked suggestion', () => {
    const [finding] = findingsOf('with open(p, "rb") as f:\n    h.update(f.read())\n', rule);
    expect(finding?.severity).toBe('info');
    expect(finding?.suggestion).toContain('h.update(chunk)');
  });
});
