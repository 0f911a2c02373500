/** Where an abstention threshold can go, given each question's top score. */
export interface Calibration {
  /** The threshold that gets the most questions right (answered in scope + abstained out of scope). */
  readonly best: number;
  /** Lowest in-scope top score, and highest out-of-scope top score: a gap when low > high. */
  readonly lowestInScope: number;
  readonly highestOutOfScope: number;
  /** Every threshold in (rangeLow, rangeHigh] decides as many questions right as `best`. */
  readonly rangeLow: number;
  readonly rangeHigh: number;
  /** Questions decided right at `best`, out of all. */
  readonly correct: number;
  readonly total: number;
}

/**
 * Sweeps every observed top score as a threshold and keeps the one that decides most questions
 * right; ties go to the midpoint of the widest run of equally good thresholds, so the pick sits
 * as far from both populations as the data allows.
 */
export function calibrateThreshold(topInScope: readonly number[], topOutOfScope: readonly number[]): Calibration {
  const candidates = [...new Set([...topInScope, ...topOutOfScope, 0, 1])].sort((a, b) => a - b);
  const correctAt = (t: number) => topInScope.filter((s) => s >= t).length + topOutOfScope.filter((s) => s < t).length;
  let bestCorrect = -1;
  let runStart = 0;
  let runEnd = 0;
  for (let i = 0; i < candidates.length; i++) {
    const t = candidates[i] ?? 0;
    const correct = correctAt(t);
    if (correct > bestCorrect) {
      bestCorrect = correct;
      runStart = i;
      runEnd = i;
    } else if (correct === bestCorrect && runEnd === i - 1) {
      runEnd = i;
    }
  }
  // Any threshold in (candidates[runStart - 1], candidates[runStart]] scores the same as candidates[runStart].
  const low = candidates[runStart - 1] ?? 0;
  const high = candidates[runEnd] ?? 1;
  const best = Math.round(((low + high) / 2) * 1e4) / 1e4;
  return {
    best: correctAt(best) === bestCorrect ? best : (candidates[runStart] ?? 0),
    rangeLow: low,
    rangeHigh: high,
    lowestInScope: Math.min(...topInScope),
    highestOutOfScope: Math.max(...topOutOfScope, 0),
    correct: bestCorrect,
    total: topInScope.length + topOutOfScope.length,
  };
}

export interface ThresholdWeights {
  /** What deciding a positive wrong costs (a positive must be at or above the threshold). Default 1. */
  readonly positive?: number;
  /** What deciding a negative wrong costs (a negative must be under the threshold). Default 1. */
  readonly negative?: number;
}

/**
 * Like {@link calibrateThreshold}, with unequal costs: the threshold that costs least when a
 * positive under it costs `positive` and a negative at or above it costs `negative`. Ties go to
 * the midpoint of the widest run of equally good thresholds.
 *
 * @example calibrateWeighted([2, 3, 4], [0, 1, 2], { positive: 3 }).best // 1.5: losing the positive 2 costs more than flagging the negative 2
 */
export function calibrateWeighted(
  positives: readonly number[],
  negatives: readonly number[],
  weights: ThresholdWeights = {},
): { best: number; cost: number } {
  const wp = weights.positive ?? 1;
  const wn = weights.negative ?? 1;
  const candidates = [...new Set([...positives, ...negatives])].sort((a, b) => a - b);
  const above = (candidates.at(-1) ?? 0) + 1;
  candidates.push(above);
  const costAt = (t: number) =>
    wp * positives.filter((s) => s < t).length + wn * negatives.filter((s) => s >= t).length;
  let bestCost = Infinity;
  let runStart = 0;
  let runEnd = 0;
  candidates.forEach((t, i) => {
    const cost = costAt(t);
    if (cost < bestCost) {
      bestCost = cost;
      runStart = i;
      runEnd = i;
    } else if (cost === bestCost && runEnd === i - 1) {
      runEnd = i;
    }
  });
  const low = candidates[runStart - 1] ?? (candidates[0] ?? 0) - 1;
  const high = candidates[runEnd] ?? above;
  const mid = Math.round(((low + high) / 2) * 1e4) / 1e4;
  return { best: costAt(mid) === bestCost ? mid : (candidates[runStart] ?? 0), cost: bestCost };
}
