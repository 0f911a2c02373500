import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'readlines-into-list';

const severities = (code: string) => findingsOf(code, rule).map((f) => [f.range.start.line + 1, f.severity]);

describe(rule, () => {
  it.each([
    [
      'readlines() in a for header (warning)',
      py`
      with open(p) as f:
          for line in f.readlines():
              print(line)
    `,
      [[2, 'warning']],
    ],
    [
      'readlines() in a comprehension (warning)',
      py`
      def load_ids(path):
          with open(path) as f:
              return {line.strip() for line in f.readlines() if line.strip()}
    `,
      [[3, 'warning']],
    ],
    [
      'readlines() on any stream, looped over once (info)',
      py`
      lines = sys.stdin.readlines()
      for line in lines:
          handle(line)
    `,
      [[1, 'info']],
    ],
    [
      'list(f) looped over once (info)',
      py`
      with open(p) as f:
          lines = list(f)
      for line in lines:
          handle(line)
    `,
      [[2, 'info']],
    ],
    [
      'f.read().splitlines() looped over once (info)',
      py`
      with open(p) as f:
          rows = f.read().splitlines()
      for row in rows:
          handle(row)
    `,
      [[2, 'info']],
    ],
    [
      'a file parameter (fp)',
      py`
      def parse(fp):
          for line in fp.read().split("\n"):
              handle(line)
    `,
      [[2, 'warning']],
    ],
  ])('flags %s', (_name, code, expected) => {
    expect(severities(code)).toEqual(expected);
  });

  it.each([
    [
      'iterating the file',
      py`
      with open(p) as f:
          for line in f:
              print(line)
    `,
    ],
    [
      'readlines(hint) in batches',
      py`
      with open(p) as f:
          while batch := f.readlines(1 << 20):
              handle(batch)
    `,
    ],
    [
      'list() of something else',
      py`
      items = list(generator())
      words = text.split("\\n")
    `,
    ],
    [
      'a list that is indexed, sliced or measured (it is needed)',
      py`
      with open(p) as f:
          lines = f.readlines()
      header = lines[0]
      for line in lines[1:]:
          handle(line)
    `,
    ],
    [
      'a method implementing readlines() itself',
      py`
      class Echo:
          def readlines(self):
              return [self._echo(x) for x in self._input.readlines()]
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('suggests iterating the named file object', () => {
    expect(
      findingsOf('with open(p) as log:\n    for l in log.readlines():\n        pass\n', rule)[0]?.suggestion,
    ).toContain('for line in log:');
  });

  it('fixes `for x in f.readlines():` by dropping `.readlines()`', () => {
    const [finding] = findingsOf('with open(p) as log:\n    for l in log.readlines():\n        pass\n', rule);
    expect(finding?.fix?.edits).toEqual([
      { range: { start: { line: 1, character: 16 }, end: { line: 1, character: 28 } }, newText: '' },
    ]);
  });
});
