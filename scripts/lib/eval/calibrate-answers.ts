import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { memoryAngle, runtimeMargin, scopeVerdict, CODE_QUESTION_SHARE } from '../../../src/retrieval/scope.js';
import { outcomeOf, type AnswerSignals } from './answer-signals.js';
import { calibrateThreshold, calibrateWeighted } from './calibrate.js';
import { calibrateConfidence, CONFIDENCE_TARGETS, type ConfidencePoint } from './confidence-report.js';

/** The numbers `calibration.json` holds, and what they were derived from. */
export interface AnswerCalibration {
  readonly minScore: number;
  readonly relativeCutoff: number;
  readonly minNovelty: number;
  readonly scope: { readonly otherRuntime: number; readonly memory: number; readonly notMemory: number };
  readonly related: { readonly margin: number; readonly floor: number };
  readonly confidence: { readonly high: number; readonly medium: number };
  /** How many questions of each category the calibration saw. */
  readonly basis: Readonly<Record<string, number>>;
}

/**
 * What a wrong decision costs, relative to one question decided right: losing an in-scope
 * question (abstaining, or answering it as only related) costs three times what answering an
 * out-of-scope one costs, so the thresholds lean toward answering what the guidance answers
 * (the floors: in-scope answered ≥ 95%, out-of-scope abstained ≥ 90%).
 */
export const IN_SCOPE_WEIGHT = 3;

/** The precision the extra citations (second, third…) must keep: "citations judged relevant ≥ 90%". */
export const CITATION_PRECISION = 0.9;

/**
 * How cautious `high` is (see `ConfidenceTargets.z`): its 95% must hold at the lower end of the
 * one-standard-deviation Wilson interval, so a threshold that only the last few tuning answers
 * meet is not taken for one that holds on new questions.
 */
export const CONFIDENCE_Z = 1;

/**
 * The `set` of signals that only calibrate `confidence` (step 7): the tuning-only real set's
 * in-scope, companion and related questions. In the other steps they would tilt every threshold
 * toward answering (measured: `minScore` 0.23 → 0.35, `scope.notMemory` 0.5 → −1.5, with its
 * negatives or without); whether the first citation is right at a given score is what they can
 * measure without bias. Its related questions count toward `high` only: answered, they are wrong
 * at whatever score, but how many of them there are would set where `medium` starts.
 */
export const CONFIDENCE_ONLY_SET = 'real-tuning-only';

/**
 * The `set` of the tuning-only real set's other-runtime and not-memory questions: answers that must
 * never be `high` (step 7), and nothing else. How many of them there are was chosen by whoever
 * collected them, so they do not count toward any rate; that none of them reaches `high` does not
 * depend on how many there are.
 */
export const HIGH_VETO_SET = 'real-tuning-only-out';

/** Steps of the citation grid. */
const RELATIVE_CUTOFFS = Array.from({ length: 10 }, (_, i) => round(0.5 + 0.05 * i));
const NOVELTIES = Array.from({ length: 21 }, (_, i) => round(0.025 * i));

/**
 * Derives every answering threshold from tuning questions' signals (never a holdout), in order,
 * each step using the thresholds of the steps before it:
 *
 * 1. `scope.otherRuntime`: the runtime margin that best separates other-runtime questions from
 *    the rest, a Python question wrongly sent away costing {@link IN_SCOPE_WEIGHT};
 * 2. `scope.notMemory`: likewise for the memory angle, not-memory questions against in-scope and
 *    related ones (questions that read as code are left out: the angle does not decide them);
 * 3. `minScore`: the abstention threshold that decides the most in-scope and out-of-scope
 *    questions right on their best score ({@link calibrateThreshold}), among the questions the
 *    scope decision of steps 1 and 2 lets through: the others never reach it, so a question
 *    about the JVM heap that scores high on the memory tips must not push it up;
 * 4. `scope.memory` and `related.margin` together: the pair that decides the most questions right
 *    end to end (in-scope answered, related not answered, out-of-scope abstained);
 * 5. `related.floor`: the lowest score a tip listed as related may have (at most `minScore`),
 *    maximizing fitting listings minus misfits (a related tip is marked as related, so a misfit
 *    costs less than a wrong citation);
 * 6. `relativeCutoff` and `minNovelty`: the pair citing the most right further tips while the
 *    further citations stay at least {@link CITATION_PRECISION} right;
 * 7. `confidence`: `calibrateConfidence` over the answers, the tuning-only real set's included
 *    (see {@link CONFIDENCE_ONLY_SET}; a related question answered is never right); `high` is the
 *    highest of where the real questions alone and all questions pooled put it, raised above
 *    every out-of-scope question's answer score that could be `high` (its memory angle is not
 *    weak), those of the tuning-only set included (see {@link HIGH_VETO_SET}), so none is ever
 *    `high`.
 */
export function calibrateAnswers(signals: readonly AnswerSignals[], base: AnswerSettings): AnswerCalibration {
  const basis: Record<string, number> = {};
  for (const s of signals) {
    const key =
      s.set === CONFIDENCE_ONLY_SET
        ? `${s.category} (confidence only)`
        : s.set === HIGH_VETO_SET
          ? `${s.category} (never high)`
          : s.category;
    basis[key] = (basis[key] ?? 0) + 1;
  }
  const answered = signals.filter((s) => !s.empty);
  const decided = answered.filter((s) => s.set !== CONFIDENCE_ONLY_SET && s.set !== HIGH_VETO_SET);
  const of = (...categories: AnswerSignals['category'][]) => decided.filter((s) => categories.includes(s.category));
  // Companion questions are answered by a unit just as in-scope ones are: the same costs apply.
  const inScope = of('in-scope', 'companion');
  const outOfScope = of('other-runtime', 'not-memory', 'out');

  // 1. another runtime
  const otherRuntime = calibrateWeighted(
    of('other-runtime').map((s) => runtimeMargin(s.scope)),
    of('in-scope', 'companion', 'related', 'not-memory', 'out').map((s) => runtimeMargin(s.scope)),
    { negative: IN_SCOPE_WEIGHT },
  ).best;

  // 2. no memory angle (flagged under the threshold)
  const decidedByAngle = (s: AnswerSignals) =>
    !(s.scope.codeShare >= CODE_QUESTION_SHARE && s.scope.notMemory.score === 0);
  const notMemory = calibrateWeighted(
    of('in-scope', 'companion', 'related')
      .filter(decidedByAngle)
      .map((s) => memoryAngle(s.scope)),
    of('not-memory')
      .filter(decidedByAngle)
      .map((s) => memoryAngle(s.scope)),
    { positive: IN_SCOPE_WEIGHT },
  ).best;
  const scope = { ...base.scope, otherRuntime, notMemory };

  // 3. minScore, on the questions the scope decision lets through
  const top = (s: AnswerSignals) => s.ranked[0]?.score ?? 0;
  const reaches = (s: AnswerSignals) => {
    const verdict = scopeVerdict(s.scope, scope);
    return verdict.runtime !== 'other' && verdict.memory !== 'not_memory';
  };
  const minScore = round2(
    calibrateThreshold(inScope.filter(reaches).map(top), outOfScope.filter(reaches).map(top)).best,
  );
  let settings: AnswerSettings = { ...base, minScore, scope };

  // 4. memory angle for related answers, and the related margin
  const angles = [...new Set(decided.map((s) => memoryAngle(s.scope)))].sort((a, b) => a - b);
  const margins = [...new Set(decided.map((s) => round(s.ranked[0]?.uncovered ?? 0)))].sort((a, b) => a - b);
  const marginCandidates = [
    (margins[0] ?? 0) - 0.01,
    ...margins.slice(1).map((m, i) => round(((margins[i] ?? 0) + m) / 2)),
    (margins.at(-1) ?? 0) + 0.01,
  ];
  const costs = (memory: number) =>
    marginCandidates.map((margin) =>
      endToEndCost(decided, {
        ...settings,
        scope: { ...settings.scope, memory },
        related: { ...settings.related, margin },
      }),
    );
  let best = { cost: Infinity, memory: settings.scope.memory, costs: [] as number[] };
  for (const memory of [...angles, (angles.at(-1) ?? 0) + 1].map((a) => Math.max(a, notMemory))) {
    const perMargin = costs(memory);
    const cost = Math.min(...perMargin);
    if (cost < best.cost) best = { cost, memory, costs: perMargin };
  }
  // The margin: the middle of the widest run of equally cheap candidates (as far from both sides as the data allows).
  const margin = middleOfCheapestRun(marginCandidates, best.costs);
  settings = {
    ...settings,
    scope: { ...settings.scope, memory: best.memory },
    related: { ...settings.related, margin },
  };

  // 5. related floor (at most minScore: a tip relevant enough to cite is relevant enough to list)
  const floors = [
    ...new Set(decided.flatMap((s) => s.ranked.slice(0, 2).map((t) => t.score)).filter((x) => x <= minScore)),
  ].sort((a, b) => a - b);
  const floorCandidates = [0, ...floors.map((f, i) => round(((floors[i - 1] ?? 0) + f) / 2)), minScore];
  const floorCosts = floorCandidates.map((floor) => {
    const trial = { ...settings, related: { ...settings.related, floor } };
    let value = 0;
    for (const s of decided) {
      const o = outcomeOf(s, trial);
      if (o.coverage !== 'related') continue;
      const fits = o.related.filter((id) => s.expected.includes(id)).length;
      value += fits - (o.related.length - fits);
    }
    return -value;
  });
  settings = { ...settings, related: { ...settings.related, floor: middleOfCheapestRun(floorCandidates, floorCosts) } };

  // 6. citations
  let bestCitations = { relevant: -1, relativeCutoff: 1, minNovelty: 1 };
  for (const relativeCutoff of RELATIVE_CUTOFFS) {
    for (const minNovelty of NOVELTIES) {
      const trial = { ...settings, relativeCutoff, minNovelty };
      let relevant = 0;
      let extra = 0;
      for (const s of inScope) {
        const o = outcomeOf(s, trial);
        if (o.coverage !== 'answer') continue;
        const further = o.cited.slice(1);
        extra += further.length;
        relevant += further.filter((id) => s.expected.includes(id)).length;
      }
      const precise = extra === 0 || relevant / extra >= CITATION_PRECISION;
      // Most right further citations; ties go to the stricter pair (fewer citations).
      if (precise && relevant > bestCitations.relevant) bestCitations = { relevant, relativeCutoff, minNovelty };
    }
  }
  settings = { ...settings, relativeCutoff: bestCitations.relativeCutoff, minNovelty: bestCitations.minNovelty };

  // 7. confidence: the 95% criterion must hold on the real questions alone and on everything pooled
  const points: ConfidencePoint[] = [];
  const realPoints: ConfidencePoint[] = [];
  // `medium` without the tuning-only set's related questions (see CONFIDENCE_ONLY_SET).
  const mediumPoints: ConfidencePoint[] = [];
  // The highest score of an out-of-scope question answered at a level the score decides.
  let notAnswerable = 0;
  for (const s of answered) {
    const o = outcomeOf(s, settings);
    if (o.coverage !== 'answer' || s.offTopic) continue;
    if (!answerable(s) && s.category !== 'related' && !o.capped) notAnswerable = Math.max(notAnswerable, o.score);
    if (s.set === HIGH_VETO_SET) continue;
    const point = { score: o.score, right: answerable(s) && s.expected.includes(o.cited[0] ?? '') };
    points.push(point);
    if (s.set === 'real' || s.set === CONFIDENCE_ONLY_SET) realPoints.push(point);
    if (s.set !== CONFIDENCE_ONLY_SET || s.category !== 'related') mediumPoints.push(point);
  }
  const targets = { ...CONFIDENCE_TARGETS, z: CONFIDENCE_Z };
  const pooled = calibrateConfidence(points, targets);
  const real = realPoints.length > 0 ? calibrateConfidence(realPoints) : pooled;
  const high = Math.max(pooled.high, real.high, Math.ceil((notAnswerable + 1e-9) * 1000) / 1000);
  const confidence = { high, medium: Math.min(calibrateConfidence(mediumPoints, targets).medium, high) };

  return {
    minScore,
    relativeCutoff: settings.relativeCutoff,
    minNovelty: settings.minNovelty,
    scope: settings.scope,
    related: settings.related,
    confidence,
    basis,
  };
}

/** In-scope and companion questions: a unit answers them. */
function answerable(s: AnswerSignals): boolean {
  return s.category === 'in-scope' || s.category === 'companion';
}

/**
 * What the decisions cost end to end: an in-scope (or companion) question not answered costs
 * {@link IN_SCOPE_WEIGHT}; a related question answered as if a tip answered it costs 1; an
 * out-of-scope question answered, or given related tips, costs 1.
 */
function endToEndCost(signals: readonly AnswerSignals[], settings: AnswerSettings): number {
  let cost = 0;
  for (const s of signals) {
    const o = outcomeOf(s, settings);
    if (answerable(s)) cost += o.coverage === 'answer' ? 0 : IN_SCOPE_WEIGHT;
    else if (s.category === 'related') cost += o.coverage === 'answer' ? 1 : 0;
    else cost += o.coverage === 'none' ? 0 : 1;
  }
  return cost;
}

/** The value in the middle of the longest run of consecutive candidates at the lowest cost. */
function middleOfCheapestRun(candidates: readonly number[], costs: readonly number[]): number {
  const lowest = Math.min(...costs);
  let bestRun = { start: 0, length: 0 };
  let start = -1;
  costs.forEach((cost, i) => {
    if (cost === lowest) {
      if (start < 0) start = i;
      if (i - start + 1 > bestRun.length) bestRun = { start, length: i - start + 1 };
    } else start = -1;
  });
  const first = candidates[bestRun.start] ?? 0;
  const last = candidates[bestRun.start + bestRun.length - 1] ?? first;
  return round((first + last) / 2);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
