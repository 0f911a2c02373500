import { describe, expect, it } from 'vitest';
import { calibrateThreshold } from '../../scripts/lib/eval/calibrate.js';

describe('calibrateThreshold', () => {
  it('puts the threshold mid-gap when in-scope and out-of-scope top scores separate', () => {
    const c = calibrateThreshold([0.5, 0.6, 0.9], [0.1, 0.2, 0.3]);
    expect(c).toMatchObject({
      best: 0.4,
      rangeLow: 0.3,
      rangeHigh: 0.5,
      lowestInScope: 0.5,
      highestOutOfScope: 0.3,
      correct: 6,
      total: 6,
    });
  });

  it('decides as many questions right as it can when they overlap', () => {
    const c = calibrateThreshold([0.2, 0.6, 0.7, 0.8], [0.1, 0.3, 0.65]);
    expect(c.correct).toBe(5);
    const right = (t: number) =>
      [0.2, 0.6, 0.7, 0.8].filter((s) => s >= t).length + [0.1, 0.3, 0.65].filter((s) => s < t).length;
    expect(right(c.best)).toBe(5);
  });
});
