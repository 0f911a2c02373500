import { describe, expect, it } from 'vitest';
import { pythonProblem, runPython } from '../../../scripts/lib/analyzer-corpus/python.js';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'string-concat-in-loop';

describe(rule, () => {
  it.each([
    [
      '+= of a string literal',
      py`
      out = ""
      for w in words:
          out += w + " "
    `,
      [3],
    ],
    [
      's = s + ...',
      py`
      s = ''
      for x in xs:
          s = s + str(x)
    `,
      [3],
    ],
    [
      'prepending',
      py`
      s = ""
      for x in xs:
          s = x + s
    `,
      [3],
    ],
    [
      'f-string added to an unknown target',
      py`
      for row in rows:
          report += f"{row.id}\\n"
    `,
      [2],
    ],
    [
      'bytes in a while loop',
      py`
      buf = b""
      while chunk := read():
          buf += chunk
    `,
      [3],
    ],
    [
      'attribute target',
      py`
      for line in lines:
          self.text += line.strip()
    `,
      [2],
    ],
    [
      'annotated str parameter',
      py`
      def pad(s: str, items):
          for i in items:
              s += i
          return s
    `,
      [3],
    ],
    [
      'one finding per target and loop',
      py`
      s = ""
      for x in xs:
          s += x
          s += ","
    `,
      [3],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a counter',
      py`
      count = 0
      for x in xs:
          count += 1
    `,
    ],
    [
      'a float total',
      py`
      total = 0.0
      for x in xs:
          total = total + x.price
    `,
    ],
    [
      'list growth with +=',
      py`
      acc = []
      for x in xs:
          acc += [x]
    `,
    ],
    [
      'string concatenation outside a loop',
      py`
      s = "a"
      s += "b"
    `,
    ],
    [
      'a loop in a nested function defined inside the loop body',
      py`
      for x in xs:
          def f(s):
              return s
    `,
    ],
    [
      'unknown operands',
      py`
      for x in xs:
          total += x
    `,
    ],
    [
      'the else block of a loop',
      py`
      s = ""
      for x in xs:
          pass
      else:
          s += "done"
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('cites String Concatenation and suggests join with the right empty value', () => {
    const [finding] = findingsOf(
      py`
      data = b""
      for c in chunks:
          data += c
    `,
      rule,
    );
    expect(finding?.citation).toEqual({
      id: 'optimize-string-usage--string-concatenation',
      title: 'String Concatenation',
      section: 'Optimize String Usage',
      guidance: {
        id: 'optimize-string-usage--string-concatenation',
        title: 'String Concatenation',
        section: 'Optimize String Usage',
      },
      explainedBy: "Why `''.join` is faster than `+=` in a loop",
    });
    expect(finding?.suggestion).toContain('bytearray(data)');
    expect(finding?.message).toContain('Bytes objects are immutable');
    expect(finding?.severity).toBe('warning');
  });

  // TheAlgorithms' conversions pad a bit string to a multiple of three this way. Collecting the
  // pieces and joining after the loop would leave `len(s)` unchanged in the condition: an endless loop.
  const PADDING = py`
    def pad(s):
        while len(s) % 3 != 0:
            s = "0" + s
        return s
  `;

  it('does not suggest join when the loop condition reads the accumulator, and pads in one step', () => {
    const [finding] = findingsOf(PADDING, rule);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.suggestion).not.toMatch(/\.join\(|parts\.append/);
    expect(finding?.suggestion).toContain('condition reads `s` (`len(s) % 3 != 0`)');
    expect(finding?.suggestion).toContain('`s = "0" * (-len(s) % 3) + s`');
  });

  it.skipIf(pythonProblem() !== undefined)('pads exactly as the loop does when the one-step padding is run', () => {
    const padded = runPython(`${PADDING}
def pad_once(s):
    s = "0" * (-len(s) % 3) + s
    return s
print(all(pad(x) == pad_once(x) for x in ["", "1", "10", "101", "1011", "10110", "101101"]))
`);
    expect(padded.trim()).toBe('True');
  });

  it('says what to do instead of join when the body reads the accumulator', () => {
    const [finding] = findingsOf(
      py`
      s = ""
      for w in words:
          if s.endswith(","):
              w = w.strip()
          s += w + ","
    `,
      rule,
    );
    expect(finding?.fix).toBeUndefined();
    expect(finding?.suggestion).toContain('The loop reads `s` while building it (line 3)');
    expect(finding?.suggestion).not.toContain("''.join");
  });

  it('keeps the join suggestion, and the fix, when nothing in the loop reads the accumulator', () => {
    const [finding] = findingsOf(
      py`
      def f(xs):
          s = ""
          for x in xs:
              s += x
          return s
    `,
      rule,
    );
    expect(finding?.fix).toBeDefined();
    expect(finding?.suggestion).toContain("''.join(parts)");
  });

  it('gives no fix when a nested function or a global statement names the accumulator, as a whole word only', () => {
    const fixOf = (code: string) => findingsOf(code, rule)[0]?.fix;
    // The nested function could read `s` while the loop builds it: the rewrite would change what it sees.
    expect(
      fixOf(py`
      def f(xs):
          s = ""
          def show():
              return s
          for x in xs:
              s += x
          return s
    `),
    ).toBeUndefined();
    expect(
      fixOf(py`
      s = ""
      def g():
          global s
      for x in xs:
          s += x
    `),
    ).toBeUndefined();
    // `self_s` and `s2` merely contain the letter: the accumulator stays a plain local.
    expect(
      fixOf(py`
      def f(xs):
          s = ""
          def show(self_s, s2):
              return self_s + s2
          for x in xs:
              s += x
          return s
    `),
    ).toBeDefined();
  });
});
