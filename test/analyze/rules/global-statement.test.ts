import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'global-statement';

describe(rule, () => {
  it.each([
    [
      'a list rebound to a bigger copy',
      py`
      history = []
      def record(event):
          global history
          history = history + [event]
    `,
      [4],
    ],
    [
      'a string grown with +=',
      py`
      log = ""
      def note(line):
          global log
          log += line + "\\n"
    `,
      [4],
    ],
    [
      'a set grown with |',
      py`
      seen = set()
      def mark(k):
          global seen
          seen = seen | {k}
    `,
      [4],
    ],
  ])('flags %s, as info', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
    expect(findingsOf(code, rule)[0]?.severity).toBe('info');
  });

  it.each([
    [
      'a counter',
      py`
      counter = 0
      def bump():
          global counter
          counter += 1
    `,
    ],
    [
      'a flag and a lazily created singleton',
      py`
      _logger = None
      _ready = False
      def get_logger():
          global _logger, _ready
          if _logger is None:
              _logger = make_logger()
          _ready = True
          return _logger
    `,
    ],
    [
      'nonlocal and module-level global',
      py`
      global x
      def outer():
          n = 0
          def inner():
              nonlocal n
              n += 1
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });
});
