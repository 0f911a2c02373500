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

/** One answered eval question: its best cited score, and whether its first citation is a right tip. */
export interface ConfidencePoint {
  readonly score: number;
  readonly right: boolean;
}

/**
 * Where the levels split, as shares of answers right at rank 1: `high` answers are right at least
 * 95% of the time (at every score from the threshold up); `low` answers, under the medium
 * threshold, are right at most half of the time (no better than a coin flip).
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
 * right. `medium`: the highest score (up to `high`) under which at most `targets.low` of the
 * answers are right. Each threshold sits midway between the score it starts at and the next lower
 * one, rounded to 0.001, so no eval answer lies on it.
 *
 * @example calibrateConfidence([{ score: 0.35, right: false }, { score: 0.5, right: true }, { score: 0.9, right: true }]) // { high: 0.425, medium: 0.425 }
 */
export function calibrateConfidence(
  points: readonly ConfidencePoint[],
  targets: ConfidenceTargets = CONFIDENCE_TARGETS,
): ConfidenceThresholds {
  const scores = [...new Set(points.map((p) => p.score))].sort((a, b) => a - b);
  const share = (selected: readonly ConfidencePoint[]) => selected.filter((p) => p.right).length / selected.length;
  const assured = (selected: readonly ConfidencePoint[]) =>
    wilsonLower(selected.filter((p) => p.right).length, selected.length, targets.z ?? 0);
  const from = (t: number) => points.filter((p) => p.score >= t);
  const highAt = scores.findIndex(
    (t, i) => assured(from(t)) >= targets.high && scores.slice(i).every((u) => share(from(u)) >= targets.high),
  );
  const high = highAt < 0 ? 1 : below(scores, highAt);
  let medium = below(scores, 0);
  scores.forEach((s, i) => {
    const under = points.filter((p) => p.score < s);
    if (below(scores, i) <= high && under.length > 0 && share(under) <= targets.low) medium = below(scores, i);
  });
  return { high, medium };
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
    medium: `${configured.medium} – ${configured.high}`,
    low: `< ${configured.medium}`,
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
    `calibrated on these answers (high: ≥ ${CONFIDENCE_TARGETS.high * 100}% right at every score from there up; low: ≤ ${CONFIDENCE_TARGETS.low * 100}% right under medium): high ${calibrated.high}, medium ${calibrated.medium}`,
  ].join('\n');
}
