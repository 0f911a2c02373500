import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'stored-exception';

describe(rule, () => {
  it.each([
    [
      'on self',
      py`
      class T:
          def run(self):
              try:
                  go()
              except Exception as e:
                  self.error = e
    `,
      [6],
    ],
    [
      'appended to a list on self, inside a tuple',
      py`
      class T:
          def run(self, item):
              try:
                  go(item)
              except ValueError as err:
                  self.failures.append((item, err))
    `,
      [6],
    ],
    [
      'in a module-level container',
      py`
      ERRORS = {}
      def run(key):
          try:
              go()
          except Exception as e:
              ERRORS[key] = e
    `,
      [6],
    ],
    [
      'sys.exc_info() and the traceback',
      py`
      class T:
          def run(self):
              try:
                  go()
              except Exception as e:
                  self.info = sys.exc_info()
                  self.tb = e.__traceback__
    `,
      [6, 7],
    ],
    [
      'a container in module-level code',
      py`
      errors = []
      for job in jobs:
          try:
              job()
          except Exception as e:
              errors.append(e)
    `,
      [6],
    ],
  ])('flags %s', (_name, code, lines) => {
    expect(linesOf(code, rule)).toEqual(lines);
  });

  it.each([
    [
      'a string made from it',
      py`
      class T:
          def run(self):
              try:
                  go()
              except Exception as e:
                  self.error = repr(e)
                  self.errors.append(str(e))
    `,
    ],
    [
      'a local variable or list',
      py`
      def run():
          errors = []
          try:
              go()
          except Exception as e:
              last = e
              errors.append(e)
          return len(errors)
    `,
    ],
    [
      're-raising and logging',
      py`
      try:
          go()
      except Exception as e:
          log.exception("failed")
          raise RuntimeError("x") from e
    `,
    ],
  ])('ignores %s', (_name, code) => {
    expect(linesOf(code, rule)).toEqual([]);
  });

  it('explains the self cycle', () => {
    const [finding] = findingsOf(
      'class T:\n    def f(self):\n        try:\n            g()\n        except E as e:\n            self.e = e\n',
      rule,
    );
    expect(finding?.message).toContain('including this `self`: a reference cycle');
  });
});
