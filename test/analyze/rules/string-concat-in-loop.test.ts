import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'string-concat-in-loop';

describe(rule, () => {
  it.each([
    ['+= of a string literal', py`
      out = ""
      for w in words:
          out += w + " "
    `, [3]],
    ['s = s + ...', py`
      s = ''
      for x in xs:
          s = s + str(x)
    `, [3]],
    ['prepending', py`
      s = ""
      for x in xs:
          s = x + s
    `, [3]],
    ['f-string added to an unknown target', py`
      for row in rows:
          report += f"{row.id}\\n"
    `, [2]],
    ['bytes in a while loop', py`
      buf = b""
      while chunk := read():
          buf += chunk
    `, [3]],
    ['attribute target', py`
      for line in lines:
          self.text += line.strip()
    `, [2]],
    ['annotated str parameter', py`
      def pad(s: str, items):
          for i in items:
              s += i
          return s
    `, [3]],
    ['one finding per target and loop', py`
      s = ""
      for x in xs:
          s += x
          s += ","
    `, [3]],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    ['a counter', py`
      count = 0
      for x in xs:
          count += 1
    `],
    ['a float total', py`
      total = 0.0
      for x in xs:
          total = total + x.price
    `],
    ['list growth with +=', py`
      acc = []
      for x in xs:
          acc += [x]
    `],
    ['string concatenation outside a loop', py`
      s = "a"
      s += "b"
    `],
    ['a loop in a nested function defined inside the loop body', py`
      for x in xs:
          def f(s):
              return s
    `],
    ['unknown operands', py`
      for x in xs:
          total += x
    `],
    ['the else block of a loop', py`
      s = ""
      for x in xs:
          pass
      else:
          s += "done"
    `],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('cites String Concatenation and suggests join with the right empty value', () => {
    const [finding] = findingsOf(py`
      data = b""
      for c in chunks:
          data += c
    `, rule);
    expect(finding?.citation).toEqual({
      id: 'optimize-string-usage--string-concatenation',
      title: 'String Concatenation',
      section: 'Optimize String Usage',
      guidance: { id: 'optimize-string-usage--string-concatenation', title: 'String Concatenation', section: 'Optimize String Usage' },
      explainedBy: "Why `''.join` is faster than `+=` in a loop",
    });
    expect(finding?.suggestion).toContain('bytearray(data)');
    expect(finding?.message).toContain('Bytes objects are immutable');
    expect(finding?.severity).toBe('warning');
  });
});
