import { describe, expect, it } from 'vitest';
import { linesOf, py } from '../helpers.js';

const rule = 'gc-disabled';

describe(rule, () => {
  it('flags gc.disable() with no gc.enable()', () => {
    expect(linesOf('import gc\ngc.disable()\nrun()\n', rule)).toEqual([2]);
  });

  it('ignores a disable that is re-enabled anywhere', () => {
    expect(
      linesOf(
        py`
      import gc
      gc.disable()
      try:
          run()
      finally:
          gc.enable()
    `,
        rule,
      ),
    ).toEqual([]);
  });
});
