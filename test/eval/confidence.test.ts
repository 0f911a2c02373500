import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import {
  calibrateConfidence,
  confidenceReport,
  logisticFit,
  formatConfidenceReport,
} from '../../scripts/lib/eval/confidence-report.js';
import { DEFAULT_EVAL_SET, HOLDOUT_EVAL_SET, loadEvalSet } from '../../scripts/lib/eval/eval-set.js';
import { builtIndex } from '../helpers/built-index.js';

describe('calibrateConfidence', () => {
  it('puts high where every answer from there up is right, and medium over the coin-flip answers', () => {
    const right = (score: number) => ({ score, right: true });
    const wrong = (score: number) => ({ score, right: false });
    const points = [
      wrong(0.3),
      wrong(0.32),
      right(0.34),
      wrong(0.4),
      right(0.5),
      right(0.52),
      right(0.55),
      right(0.56),
      right(0.57),
      wrong(0.58),
      right(0.6),
      right(0.7),
      right(0.8),
    ];
    // From 0.6 up every answer is right (from 0.58, 3 of 4); the fit crosses one half between the
    // answers under 0.41 (1 of 4 right) and those above (7 of 9).
    expect(calibrateConfidence(points)).toEqual({ high: 0.59, medium: 0.414, minLead: 0 });
  });

  it('fits the logistic curve the answers were drawn from', () => {
    // 100 answers at each score 0, 0.01, …, 1, right as often as 1 / (1 + e^−(−3 + 6 × score)) says.
    const points = Array.from({ length: 101 }, (_, i) => i / 100).flatMap((score) => {
      const rightCount = Math.round(100 / (1 + Math.exp(-(-3 + 6 * score))));
      return Array.from({ length: 100 }, (_, j) => ({ score, right: j < rightCount }));
    });
    const fit = logisticFit(points);
    expect(fit.intercept).toBeCloseTo(-3, 1);
    expect(fit.slope).toBeCloseTo(6, 1);
    // Half right at score 0.5: where `medium` goes.
    expect(calibrateConfidence(points).medium).toBeCloseTo(0.5, 2);
  });

  it('keeps medium at or under high', () => {
    expect(
      calibrateConfidence([
        { score: 0.35, right: false },
        { score: 0.5, right: true },
        { score: 0.9, right: true },
      ]),
    ).toEqual({ high: 0.425, medium: 0.425, minLead: 0 });
  });

  it('puts minLead where answers medium by their score are right half of the time, read from their leads', () => {
    // 100 answers medium by their score at each lead 0, 0.005, …, 0.2, right as often as
    // 1 / (1 + e^−(−2 + 40 × lead)) says: half right at a lead of 0.05. High and low scores do not count.
    const points = Array.from({ length: 41 }, (_, i) => i * 0.005).flatMap((lead) => {
      const rightCount = Math.round(100 / (1 + Math.exp(-(-2 + 40 * lead))));
      return Array.from({ length: 100 }, (_, j) => ({ score: 0.6, lead, right: j < rightCount }));
    });
    const outside = [
      ...Array.from({ length: 200 }, () => ({ score: 0.95, lead: 0, right: true })),
      ...Array.from({ length: 200 }, () => ({ score: 0.1, lead: 0.2, right: false })),
    ];
    expect(calibrateConfidence([...points, ...outside]).minLead).toBeCloseTo(0.05, 3);
    // A lead that does not order the answers lowers none.
    expect(calibrateConfidence(points.map((p) => ({ ...p, lead: 0.1 - p.lead }))).minLead).toBe(0);
  });
});

describe('confidence levels on both shipped eval sets', async () => {
  const index = await builtIndex();
  const ids = new Set(index.knowledge.tips.map((t) => t.id));
  const sets = [await loadEvalSet(DEFAULT_EVAL_SET, ids), await loadEvalSet(HOLDOUT_EVAL_SET, ids)];
  const report = await confidenceReport(index, DEFAULT_ANSWER_OPTIONS, sets);
  const text = formatConfidenceReport(report, ['questions.json', 'holdout.json']);
  const share = (level: 'high' | 'medium' | 'low') => report.levels[level].right / report.levels[level].answers;

  it('orders the levels: high answers are right ≥ 95% of the time, medium ≥ 75%, low less often than medium', () => {
    expect(share('high'), text).toBeGreaterThanOrEqual(0.95);
    expect(share('medium'), text).toBeGreaterThanOrEqual(0.75);
    expect(share('low'), text).toBeLessThan(share('medium'));
    expect(report.levels.low.answers, text).toBeGreaterThan(0);
  });
});
