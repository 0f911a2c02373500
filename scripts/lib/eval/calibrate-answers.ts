import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { candidatesOf } from '../../../src/answer/answer-policy.js';
import { besideUnits } from '../../../src/answer/extractive-answer.js';
import { fnv1a } from '../../../src/retrieval/word-vectors.js';
import { memoryAngle, runtimeMargin, scopeVerdict, CODE_QUESTION_SHARE } from '../../../src/retrieval/scope.js';
import { outcomeOf, type AnswerSignals } from './answer-signals.js';
import { median } from '../../bench/stats.js';
import { calibrateWeighted } from './calibrate.js';
import { calibrateConfidence, CONFIDENCE_TARGETS, type ConfidencePoint } from './confidence-report.js';

/** The numbers `calibration.json` holds, and what they were derived from. */
export interface AnswerCalibration {
  readonly minScore: number;
  readonly relativeCutoff: number;
  readonly minNovelty: number;
  readonly scope: { readonly otherRuntime: number; readonly memory: number; readonly notMemory: number };
  readonly related: { readonly margin: number; readonly floor: number };
  readonly confidence: { readonly high: number; readonly medium: number; readonly minLead: number };
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
 * How many bootstrap resamples of the tuning questions each threshold is the median of. Each
 * threshold sits on a nearly flat cost curve, so on the questions as they are one question could
 * move it far: measured on 20 resamples (2026-12-06), `minScore` ranged 0.17–0.46,
 * `related.margin` 0.036–0.112, `confidence.medium` 0.118–0.469. Their median moves only when many
 * resamples agree. Odd, so the median is one resample's value (one of the step's candidates).
 */
export const RESAMPLES = 1001;

/** Seeds the resamples: the calibration is the same on every run. */
const SEED = 20261206;

export interface CalibrationOptions {
  /**
   * Bootstrap resamples per threshold ({@link RESAMPLES}; odd, so each median is one of its step's
   * candidates); 0 calibrates once on the questions as they are.
   */
  readonly resamples?: number;
}

/**
 * Derives every answering threshold from tuning questions' signals (never a holdout), in order,
 * each step using the thresholds of the steps before it. Each threshold is the median of what
 * the step picks on {@link RESAMPLES} bootstrap resamples of the questions, drawn with
 * replacement within each set and category (so each keeps its size: how many questions of a kind
 * there are was chosen by who collected them); a pair chosen together takes the first value's
 * median, then the second's with the first fixed. The steps:
 *
 * 1. `scope.otherRuntime`: the runtime margin that best separates other-runtime questions from
 *    the rest, a Python question wrongly sent away costing {@link IN_SCOPE_WEIGHT};
 * 2. `scope.notMemory`: likewise for the memory angle, not-memory questions against in-scope and
 *    related ones (questions that read as code are left out: the angle does not decide them);
 * 3. `minScore`: the abstention threshold on the best score that costs least, an in-scope
 *    question refused costing {@link IN_SCOPE_WEIGHT} as in the other steps (until 2026-12-06 it
 *    counted both kinds of mistake the same, and 0.23 and 0.36 tied), among the questions the
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
 *    highest of where the real questions alone and all questions pooled put it, then raised above
 *    every out-of-scope question's answer score that could be `high` (its memory angle is not
 *    weak), those of the tuning-only set included (see {@link HIGH_VETO_SET}), so none is ever
 *    `high`: that is a bound on the questions as they are, not a median.
 *
 * Steps 4 to 6 compute each question's cost at every candidate once; a resample only adds them up.
 */
export function calibrateAnswers(
  signals: readonly AnswerSignals[],
  base: AnswerSettings,
  options: CalibrationOptions = {},
): AnswerCalibration {
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
  const isDecided = (s: AnswerSignals) => s.set !== CONFIDENCE_ONLY_SET && s.set !== HIGH_VETO_SET;
  const draws = bootstrapResamples(answered, options.resamples ?? RESAMPLES);
  const decidedDraws = draws.map((d) => d.filter(isDecided));
  const decided = answered.filter(isDecided);
  const of = (list: readonly AnswerSignals[], ...categories: AnswerSignals['category'][]) =>
    list.filter((s) => categories.includes(s.category));

  // 1. another runtime
  const otherRuntime = median(
    decidedDraws.map(
      (d) =>
        calibrateWeighted(
          of(d, 'other-runtime').map((s) => runtimeMargin(s.scope)),
          of(d, 'in-scope', 'companion', 'related', 'not-memory', 'out').map((s) => runtimeMargin(s.scope)),
          { negative: IN_SCOPE_WEIGHT },
        ).best,
    ),
  );

  // 2. no memory angle (flagged under the threshold)
  const decidedByAngle = (s: AnswerSignals) =>
    !(s.scope.codeShare >= CODE_QUESTION_SHARE && s.scope.notMemory.score === 0);
  const notMemory = median(
    decidedDraws.map(
      (d) =>
        calibrateWeighted(
          of(d, 'in-scope', 'companion', 'related')
            .filter(decidedByAngle)
            .map((s) => memoryAngle(s.scope)),
          of(d, 'not-memory')
            .filter(decidedByAngle)
            .map((s) => memoryAngle(s.scope)),
          { positive: IN_SCOPE_WEIGHT },
        ).best,
    ),
  );
  const scope = { ...base.scope, otherRuntime, notMemory };

  // 3. minScore, on the questions the scope decision lets through
  const top = (s: AnswerSignals) => s.ranked[0]?.score ?? 0;
  const reaches = (s: AnswerSignals) => {
    const verdict = scopeVerdict(s.scope, scope);
    return verdict.runtime !== 'other' && verdict.memory !== 'not_memory';
  };
  const minScore = median(
    decidedDraws.map((d) => {
      // Companion questions are answered by a unit just as in-scope ones are: the same costs apply.
      const inScope = of(d, 'in-scope', 'companion').filter(reaches);
      const outOfScope = of(d, 'other-runtime', 'not-memory', 'out').filter(reaches);
      return round2(calibrateWeighted(inScope.map(top), outOfScope.map(top), { positive: IN_SCOPE_WEIGHT }).best);
    }),
  );
  let settings: AnswerSettings = { ...base, minScore, scope };

  // 4. memory angle for related answers, and the related margin
  const angles = [...new Set(decided.map((s) => memoryAngle(s.scope)))].sort((a, b) => a - b);
  const memories = [...angles, (angles.at(-1) ?? 0) + 1].map((a) => Math.max(a, notMemory));
  const margins = [...new Set(decided.map((s) => round(s.ranked[0]?.uncovered ?? 0)))].sort((a, b) => a - b);
  const marginCandidates = [
    (margins[0] ?? 0) - 0.01,
    ...margins.slice(1).map((m, i) => round(((margins[i] ?? 0) + m) / 2)),
    (margins.at(-1) ?? 0) + 0.01,
  ];
  const endToEnd = costTable(decided, memories.length * marginCandidates.length, (s, cell) =>
    endToEndCost(s, {
      ...settings,
      scope: { ...settings.scope, memory: memories[Math.floor(cell / marginCandidates.length)] ?? 0 },
      related: { ...settings.related, margin: marginCandidates[cell % marginCandidates.length] ?? 0 },
    }),
  );
  const marginCosts = (costs: Float64Array, m: number) =>
    Array.from(costs.subarray(m * marginCandidates.length, (m + 1) * marginCandidates.length));
  const drawnCosts = decidedDraws.map((d) => endToEnd.sum(d));
  const memory = median(
    drawnCosts.map((costs) => {
      let best = { cost: Infinity, memory: settings.scope.memory };
      memories.forEach((m, i) => {
        const cost = Math.min(...marginCosts(costs, i));
        if (cost < best.cost) best = { cost, memory: m };
      });
      return best.memory;
    }),
  );
  // The margin: the middle of the widest run of equally cheap candidates (as far from both sides as the data allows).
  const margin = median(
    drawnCosts.map((costs) => middleOfCheapestRun(marginCandidates, marginCosts(costs, memories.indexOf(memory)))),
  );
  settings = {
    ...settings,
    scope: { ...settings.scope, memory },
    related: { ...settings.related, margin },
  };

  // 5. related floor (at most minScore: a tip relevant enough to cite is relevant enough to list)
  const floors = [
    ...new Set(decided.flatMap((s) => s.ranked.slice(0, 2).map((t) => t.score)).filter((x) => x <= minScore)),
  ].sort((a, b) => a - b);
  const floorCandidates = [0, ...floors.map((f, i) => round(((floors[i - 1] ?? 0) + f) / 2)), minScore];
  const listings = costTable(decided, floorCandidates.length, (s, i) => {
    const o = outcomeOf(s, { ...settings, related: { ...settings.related, floor: floorCandidates[i] ?? 0 } });
    if (o.coverage !== 'related') return 0;
    const fits = o.related.filter((id) => s.expected.includes(id)).length;
    return -(fits - (o.related.length - fits));
  });
  const floor = median(decidedDraws.map((d) => middleOfCheapestRun(floorCandidates, Array.from(listings.sum(d)))));
  settings = { ...settings, related: { ...settings.related, floor } };

  // 6. citations: per grid pair, the right further citations and all further citations
  const grid = RELATIVE_CUTOFFS.flatMap((relativeCutoff) =>
    NOVELTIES.map((minNovelty) => ({ relativeCutoff, minNovelty })),
  );
  const answerable = decided.filter(isAnswerable);
  // A unit cited beside the first (`Tip.beside`) is the knowledge's call, not these thresholds': left out.
  const besideIds = new Map(
    answerable.map((s) => {
      const window = candidatesOf(s.ranked, settings.defaultK);
      return [s, new Set(besideUnits(window, settings.minScore).map((u) => u.tip.id))] as const;
    }),
  );
  const citations = costTable(answerable, grid.length * 2, (s, cell) => {
    const o = outcomeOf(s, { ...settings, ...grid[Math.floor(cell / 2)] });
    // A triage answer cites the closest unit after the triage unit whatever these thresholds are.
    if (o.coverage !== 'answer' || o.triage) return 0;
    const beside = besideIds.get(s);
    const further = o.cited.slice(1).filter((id) => !beside?.has(id));
    return cell % 2 === 0 ? further.filter((id) => s.expected.includes(id)).length : further.length;
  });
  const bestCitations = (sums: Float64Array, cutoffs: readonly number[]) => {
    let best = { relevant: -1, relativeCutoff: 1, minNovelty: 1 };
    grid.forEach(({ relativeCutoff, minNovelty }, g) => {
      if (!cutoffs.includes(relativeCutoff)) return;
      const relevant = sums[2 * g] ?? 0;
      const extra = sums[2 * g + 1] ?? 0;
      const precise = extra === 0 || relevant / extra >= CITATION_PRECISION;
      // Most right further citations; ties go to the stricter pair (fewer citations).
      if (precise && relevant > best.relevant) best = { relevant, relativeCutoff, minNovelty };
    });
    return best;
  };
  const citationSums = decidedDraws.map((d) => citations.sum(d));
  const relativeCutoff = median(citationSums.map((sums) => bestCitations(sums, RELATIVE_CUTOFFS).relativeCutoff));
  const minNovelty = median(citationSums.map((sums) => bestCitations(sums, [relativeCutoff]).minNovelty));
  settings = { ...settings, relativeCutoff, minNovelty };

  // 7. confidence: the 95% criterion must hold on the real questions alone and on everything pooled
  // The highest score of an out-of-scope question answered at a level the score decides.
  let notAnswerable = 0;
  const pointOf = new Map<AnswerSignals, ConfidencePoint>();
  for (const s of answered) {
    const o = outcomeOf(s, settings);
    if (o.coverage !== 'answer' || s.offTopic) continue;
    if (!isAnswerable(s) && s.category !== 'related' && !o.capped) notAnswerable = Math.max(notAnswerable, o.score);
    if (s.set === HIGH_VETO_SET) continue;
    // The levels describe the ranking: for a triage answer (`low` by its rule), its closest unit, cited second.
    const closest = o.cited[o.triage ? 1 : 0] ?? '';
    pointOf.set(s, { score: o.score, right: isAnswerable(s) && s.expected.includes(closest), lead: o.lead });
  }
  const targets = { ...CONFIDENCE_TARGETS, z: CONFIDENCE_Z };
  const levels = draws.map((d) => {
    const points: ConfidencePoint[] = [];
    const realPoints: ConfidencePoint[] = [];
    // `medium` without the tuning-only set's related questions (see CONFIDENCE_ONLY_SET).
    const mediumPoints: ConfidencePoint[] = [];
    for (const s of d) {
      const point = pointOf.get(s);
      if (!point) continue;
      points.push(point);
      if (s.set === 'real' || s.set === CONFIDENCE_ONLY_SET) realPoints.push(point);
      if (s.set !== CONFIDENCE_ONLY_SET || s.category !== 'related') mediumPoints.push(point);
    }
    const pooled = calibrateConfidence(points, targets);
    const real = realPoints.length > 0 ? calibrateConfidence(realPoints) : pooled;
    const { medium, minLead } = calibrateConfidence(mediumPoints, targets);
    return { high: Math.max(pooled.high, real.high), medium, minLead };
  });
  const high = Math.max(median(levels.map((l) => l.high)), Math.ceil((notAnswerable + 1e-9) * 1000) / 1000);
  const confidence = {
    high,
    medium: Math.min(median(levels.map((l) => l.medium)), high),
    minLead: median(levels.map((l) => l.minLead)),
  };

  return {
    minScore,
    relativeCutoff,
    minNovelty,
    scope: settings.scope,
    related: settings.related,
    confidence,
    basis,
  };
}

/**
 * `count` bootstrap resamples of `signals`: each set and category (a stratum) is drawn with
 * replacement to its own size, from a generator seeded by the stratum's name, so leaving a
 * stratum out does not change how the others are drawn. With `count` 0, the signals as they are.
 */
export function bootstrapResamples(signals: readonly AnswerSignals[], count: number): AnswerSignals[][] {
  if (count === 0) return [[...signals]];
  const strata = new Map<string, AnswerSignals[]>();
  for (const s of signals) {
    const key = `${s.set ?? ''}|${s.category}`;
    const members = strata.get(key);
    if (members) members.push(s);
    else strata.set(key, [s]);
  }
  const draws: AnswerSignals[][] = Array.from({ length: count }, () => []);
  for (const [key, members] of [...strata].sort(([a], [b]) => a.localeCompare(b))) {
    const rng = xoroshiro128plus(SEED ^ fnv1a(new TextEncoder().encode(key)));
    for (const draw of draws)
      for (let i = 0; i < members.length; i++) draw.push(members[uniformInt(rng, 0, members.length - 1)]!);
  }
  return draws;
}

/**
 * Each question's cost at every candidate (`cells` of them), computed once; `sum` adds them up
 * over a resample (a question drawn twice counts twice; questions without a row count nothing).
 */
function costTable(
  signals: readonly AnswerSignals[],
  cells: number,
  cost: (s: AnswerSignals, cell: number) => number,
): { sum(draw: readonly AnswerSignals[]): Float64Array } {
  const rows = new Map<AnswerSignals, Float64Array>();
  for (const s of signals) {
    const row = new Float64Array(cells);
    for (let c = 0; c < cells; c++) row[c] = cost(s, c);
    rows.set(s, row);
  }
  return {
    sum(draw) {
      const total = new Float64Array(cells);
      for (const s of draw) {
        const row = rows.get(s);
        if (row) for (let c = 0; c < cells; c++) total[c]! += row[c]!;
      }
      return total;
    },
  };
}

/** In-scope and companion questions: a unit answers them. */
function isAnswerable(s: AnswerSignals): boolean {
  return s.category === 'in-scope' || s.category === 'companion';
}

/**
 * What a question's decision costs end to end: an in-scope (or companion) question not answered
 * costs {@link IN_SCOPE_WEIGHT}; a related question answered as if a tip answered it costs 1; an
 * out-of-scope question answered, or given related tips, costs 1.
 */
function endToEndCost(s: AnswerSignals, settings: AnswerSettings): number {
  const o = outcomeOf(s, settings);
  if (isAnswerable(s)) return o.coverage === 'answer' ? 0 : IN_SCOPE_WEIGHT;
  if (s.category === 'related') return o.coverage === 'answer' ? 1 : 0;
  return o.coverage === 'none' ? 0 : 1;
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
