import { describe, expect, it } from 'vitest';
import { findingsOf, linesOf, py } from '../helpers.js';

const rule = 'global-statement';

describe(rule, () => {
  it('flags global inside a function, as info', () => {
    const code = py`
      counter = 0
      def bump():
          global counter
          counter += 1
    `;
    expect(linesOf(code, rule)).toEqual([3]);
    expect(findingsOf(code, rule)[0]?.severity).toBe('info');
  });

  it('ignores nonlocal and module-level global', () => {
    expect(linesOf(py`
      global x
      def outer():
          n = 0
          def inner():
              nonlocal n
              n += 1
    `, rule)).toEqual([]);
  });
});
