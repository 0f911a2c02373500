import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { answerQuestion } from '../../../src/answer/answer-question.js';
import {
  CONFIDENCE_THRESHOLDS,
  confidenceForScore,
  type Confidence,
  type ConfidenceThresholds,
} from '../../../src/answer/confidence.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import type { EvalSet } from './eval-set.js';

/**
 * One answered eval question: its best cited score, whether its first citation is a right tip, and
 * (when known) its best unit's lead over the sixth (`leadOf`).
 */
export interface ConfidencePoint {
  readonly score: number;
  readonly right: boolean;
  readonly lead?: number;
}

/**
 * Where the levels split, as shares of answers right at rank 1: `high` answers are right at least
 * 95% of the time (at every score from the threshold up); `low` answers, under the medium
 * threshold, are no better than a coin flip (at the medium threshold an answer is right half of
 * the time, as a logistic fit reads it).
 */
export const CONFIDENCE_TARGETS = { high: 0.95, low: 0.5 } as const;

export interface ConfidenceTargets {
  readonly high: number;
  readonly low: number;
  /**
   * How cautious `high` is about few answers: the share right from `high` up must hold at the
   * lower end of its Wilson score interval at this many standard deviations (0: the share as
   * counted; from every higher score up the share as counted must hold too). With z = 1, 20
   * right answers of 20 read as 95.2%, 19 of 20 as 88%: a threshold met only by a handful of
   * answers does not hold on new questions.
   */
  readonly z?: number;
}

export interface LevelStats {
  readonly answers: number;
  /** Of those, how many cite a right tip first (out-of-scope questions answered are never right). */
  readonly right: number;
}

export interface ConfidenceReport {
  /** Answers (not abstentions) over the pooled sets. */
  readonly answered: number;
  /** The thresholds the service uses (`CONFIDENCE_THRESHOLDS`). */
  readonly configured: ConfidenceThresholds;
  /** The thresholds these sets calibrate to ({@link calibrateConfidence}). */
  readonly calibrated: ConfidenceThresholds;
  /** Per level, as the service labelled its answers. */
  readonly levels: Readonly<Record<Confidence, LevelStats>>;
}

/**
 * Places the confidence thresholds on answered questions. `high`: the lowest score from which,
 * at every score above it too, at least `targets.high` of the answers scoring that much are
 * right; it sits midway between the score it starts at and the next lower one, rounded to 0.001,
 * so no eval answer lies on it. `medium` (up to `high`): the score at which an answer is right
 * `targets.low` of the time, as a logistic fit of being right on the score reads it
 * ({@link logisticFit}), rounded to 0.001. The fit reads every answer: the share right under a
 * cut reads only the few lowest (4 of 831 pooled tuning answers scored under 0.289 on
 * 2026-12-06), so removing one of them moved `medium` from 0.289 to 0.143 or 0.353. `minLead`: the
 * same reading of the answers' leads among those `medium` by their score ({@link minLeadOf}).
 *
 * @example calibrateConfidence([{ score: 0.35, right: false }, { score: 0.5, right: true }, { score: 0.9, right: true }]) // { high: 0.425, medium: 0.425, minLead: 0 }
 */
export function calibrateConfidence(
  points: readonly ConfidencePoint[],
  targets: ConfidenceTargets = CONFIDENCE_TARGETS,
): ConfidenceThresholds {
  const scores = [...new Set(points.map((p) => p.score))].sort((a, b) => a - b);
  // Answers and right answers from each score up (suffix counts), so each test below is O(1):
  // the calibration runs once per bootstrap resample (see `calibrateAnswers`).
  const at = new Map(scores.map((s, i) => [s, i]));
  const answers = new Array<number>(scores.length + 1).fill(0);
  const right = new Array<number>(scores.length + 1).fill(0);
  for (const p of points) {
    const i = at.get(p.score) ?? 0;
    answers[i]! += 1;
    if (p.right) right[i]! += 1;
  }
  for (let i = scores.length - 1; i >= 0; i--) {
    answers[i]! += answers[i + 1]!;
    right[i]! += right[i + 1]!;
  }
  // Whether the share right holds from every score at or above scores[i].
  const holdsFrom = new Array<boolean>(scores.length + 1).fill(true);
  for (let i = scores.length - 1; i >= 0; i--)
    holdsFrom[i] = right[i]! / answers[i]! >= targets.high && holdsFrom[i + 1]!;
  const highAt = scores.findIndex(
    (_, i) => wilsonLower(right[i]!, answers[i]!, targets.z ?? 0) >= targets.high && holdsFrom[i],
  );
  const high = highAt < 0 ? 1 : below(scores, highAt);
  const fit = logisticFit(points);
  const odds = Math.log(targets.low / (1 - targets.low));
  // A score that does not order answers (slope ≤ 0): every answer under `high` is a coin flip or
  // none is, as the fit at score 0 says.
  const crossing = fit.slope > 0 ? (odds - fit.intercept) / fit.slope : fit.intercept < odds ? high : 0;
  const medium = Math.round(Math.min(high, Math.max(0, crossing)) * 1000) / 1000;
  return { high, medium, minLead: minLeadOf(points, { high, medium }, odds) };
}

/**
 * `minLead`: among the answers `medium` by their score (from `medium` up to `high`) that know their
 * lead, the lead at which a logistic fit puts an answer right at the same odds as `medium`'s score
 * (`targets.low`), rounded to 0.0001; 0 (no answer is lowered) when none knows it or the lead does
 * not order them.
 */
function minLeadOf(
  points: readonly ConfidencePoint[],
  levels: { readonly high: number; readonly medium: number },
  odds: number,
): number {
  const leads = points.flatMap((p) =>
    p.lead !== undefined && p.score >= levels.medium && p.score < levels.high
      ? [{ score: p.lead, right: p.right }]
      : [],
  );
  if (leads.length === 0) return 0;
  const fit = logisticFit(leads);
  if (fit.slope <= 0) return 0;
  return Math.round(Math.max(0, (odds - fit.intercept) / fit.slope) * 1e4) / 1e4;
}

/**
 * Logistic regression of being right on the score, P(right) = 1 / (1 + e^−(intercept + slope ×
 * score)), by Newton's method (two parameters: a few iterations converge to machine precision;
 * the npm packages for it fit by a fixed number of gradient-descent steps, whose result depends on
 * the step size). A tiny ridge keeps the fit finite when right and wrong answers do not overlap.
 *
 * @example logisticFit([{ score: 0.2, right: false }, { score: 0.4, right: true }, { score: 0.3, right: false }, { score: 0.5, right: true }, { score: 0.35, right: true }])
 */
export function logisticFit(points: readonly ConfidencePoint[]): { intercept: number; slope: number } {
  const ridge = 1e-6;
  let intercept = 0;
  let slope = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradientA = -ridge * intercept;
    let gradientB = -ridge * slope;
    let hAA = ridge;
    let hAB = 0;
    let hBB = ridge;
    for (const { score, right } of points) {
      const p = 1 / (1 + Math.exp(-(intercept + slope * score)));
      const residual = (right ? 1 : 0) - p;
      const weight = p * (1 - p);
      gradientA += residual;
      gradientB += residual * score;
      hAA += weight;
      hAB += weight * score;
      hBB += weight * score * score;
    }
    const determinant = hAA * hBB - hAB * hAB;
    const stepA = (hBB * gradientA - hAB * gradientB) / determinant;
    const stepB = (hAA * gradientB - hAB * gradientA) / determinant;
    intercept += stepA;
    slope += stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-10) break;
  }
  return { intercept, slope };
}

/** The lower end of the Wilson score interval of `right` of `n` at `z` standard deviations (the plain share at z = 0). */
export function wilsonLower(right: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = right / n;
  if (z === 0) return p;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/** Midway between scores[i] and the score before it (0 before the first). */
function below(scores: readonly number[], i: number): number {
  const lower = i > 0 ? (scores[i - 1] ?? 0) : 0;
  return Math.round((((scores[i] ?? 0) + lower) / 2) * 1000) / 1000;
}

/**
 * Answers every question of the sets (with its history) as the service does and reports the
 * confidence levels: how many answers each got and how many of those are right, and where the
 * thresholds calibrate to. Answers whose level the score did not decide (a follow-up capped at
 * `low`) are counted in their level but left out of the calibration.
 *
 * @example const report = await confidenceReport(index, DEFAULT_ANSWER_OPTIONS, [questions, holdout]);
 */
export async function confidenceReport(
  index: LoadedIndex,
  settings: AnswerSettings,
  sets: readonly EvalSet[],
): Promise<ConfidenceReport> {
  const levels: Record<Confidence, { answers: number; right: number }> = {
    high: { answers: 0, right: 0 },
    medium: { answers: 0, right: 0 },
    low: { answers: 0, right: 0 },
  };
  const points: ConfidencePoint[] = [];
  const questions = sets.flatMap((set) => [
    ...set.inScope.map((q) => ({ ...q, expected: q.expected })),
    ...set.outOfScope.map((q) => ({ ...q, expected: [] as readonly string[] })),
  ]);
  for (const q of questions) {
    const answer = await answerQuestion(index, settings, { question: q.question, history: q.history });
    const first = answer.citations[0];
    if (answer.abstained || !first || !answer.confidence) continue;
    const right = q.expected.includes(first.id);
    const level = levels[answer.confidence];
    level.answers++;
    if (right) level.right++;
    const score = Math.max(...answer.citations.map((c) => c.score));
    if (confidenceForScore(score) === answer.confidence) points.push({ score, right });
  }
  return {
    answered: levels.high.answers + levels.medium.answers + levels.low.answers,
    configured: CONFIDENCE_THRESHOLDS,
    calibrated: calibrateConfidence(points),
    levels,
  };
}

/** The confidence section of `npm run eval`, as a markdown table and a line on the calibration. */
export function formatConfidenceReport(report: ConfidenceReport, setNames: readonly string[]): string {
  const { configured, calibrated, levels } = report;
  const pct = (s: LevelStats) => (s.answers === 0 ? '–' : `${((100 * s.right) / s.answers).toFixed(1)}%`);
  const ranges: Record<Confidence, string> = {
    high: `≥ ${configured.high}`,
    medium: `${configured.medium} – ${configured.high}, leading the sixth unit by ≥ ${configured.minLead}`,
    low: `< ${configured.medium}, or leading by less`,
  };
  return [
    `confidence (${setNames.join(' + ')}, ${report.answered} answers):`,
    '',
    '| confidence | best score | answers | right at rank 1 |',
    '|---|---|---:|---:|',
    ...(['high', 'medium', 'low'] as const).map(
      (c) => `| ${c} | ${ranges[c]} | ${levels[c].answers} | ${pct(levels[c])} |`,
    ),
    '',
    `calibrated on these answers (high: ≥ ${CONFIDENCE_TARGETS.high * 100}% right at every score from there up; medium: where a logistic fit puts an answer ${CONFIDENCE_TARGETS.low * 100}% right): high ${calibrated.high}, medium ${calibrated.medium}`,
  ].join('\n');
}
