import { describe, expect, it } from 'vitest';
import { findingsOf, py } from '../helpers.js';

const rule = 'gc-collect-in-loop';
const found = (code: string) => findingsOf(code, rule).map((f) => [f.range.start.line + 1, f.severity]);

describe(rule, () => {
  it('flags a collection on every iteration as a warning', () => {
    expect(
      found(py`
      for batch in batches:
          handle(batch)
          gc.collect()
    `),
    ).toEqual([[3, 'warning']]);
  });

  it('reports a periodic collection (under an if) as info', () => {
    expect(
      found(py`
      for i, batch in enumerate(batches):
          if i % 1000 == 0:
              gc.collect()
    `),
    ).toEqual([[3, 'info']]);
  });

  it('ignores collections outside loops and in functions defined in a loop', () => {
    expect(
      found(py`
      gc.collect()
      for x in xs:
          def cleanup():
              gc.collect()
    `),
    ).toEqual([]);
  });
});
