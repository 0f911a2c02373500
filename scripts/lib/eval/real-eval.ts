import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import { collectSignals, outcomeOf, type AnswerOutcome, type AnswerSignals } from './answer-signals.js';
import type { Half, RealQuestion, RealQuestionSet } from './real-questions.js';

/**
 * The targets of issues 14 and 15, on the holdout half (the tuning half is reported beside them):
 * `companionRightFirst` is issue 15's "questions the guidance alone could not answer but the
 * companion does: right unit first".
 */
export const REAL_TARGETS = {
  outOfScopeAbstained: 0.9,
  eachKindAbstained: 0.85,
  inScopeAnswered: 0.95,
  rightFirst: 0.93,
  rightInTop3: 0.98,
  citationsRelevant: 0.9,
  highRight: 0.95,
  companionRightFirst: 0.85,
} as const;

/** Categories a unit answers: scored on the unit cited first. */
export const ANSWERABLE: readonly RealQuestion['category'][] = ['in-scope', 'companion'];

export interface Rate {
  readonly hits: number;
  readonly n: number;
}

/** One half of the real set, scored as the service answers it. */
export interface RealHalfReport {
  readonly half: Half;
  readonly questions: number;
  readonly inScope: {
    /** Answered (`coverage: "answer"`). */
    readonly answered: Rate;
    /** The first citation is a right tip (an abstention counts as wrong). */
    readonly rightFirst: Rate;
    /** A right tip is among retrieval's top 3. */
    readonly rightInTop3: Rate;
    /** Of the answers that open with a triage unit (never right first), those citing a right tip after it. */
    readonly triageRightAfter: Rate;
    /** Cited tips that are right, over all tips cited in answers to in-scope questions. */
    readonly citationsRelevant: Rate;
    /** Tips cited per answer. */
    readonly citationsPerAnswer: number;
  };
  /** Questions the guidance's own tips do not answer but a companion unit does. */
  readonly companion: {
    readonly answered: Rate;
    /** The first citation is a right unit (an abstention counts as wrong). */
    readonly rightFirst: Rate;
    readonly rightInTop3: Rate;
    readonly triageRightAfter: Rate;
    readonly citationsRelevant: Rate;
  };
  readonly related: {
    /** Not answered as if a tip answered it (`coverage` `related` or `none`). */
    readonly notAnswered: Rate;
    /** Answered with `coverage: "related"`. */
    readonly relatedCoverage: Rate;
    /** Listed related tips that are acceptable as related. */
    readonly relatedRelevant: Rate;
  };
  readonly otherRuntime: {
    readonly abstained: Rate;
    readonly reason: Rate;
    /** Abstained, of those whose text shows the runtime (`runtimeShown`). */
    readonly shownAbstained: Rate;
    /** Abstained, of those only their source says are another runtime's. */
    readonly unshownAbstained: Rate;
  };
  readonly notMemory: { readonly abstained: Rate; readonly reason: Rate };
  /** Other runtime and not memory together. */
  readonly outOfScope: { readonly abstained: Rate };
  readonly high: {
    /** `high` answers right at rank 1 (in-scope and companion questions; an out-of-scope or related question answered is never right). */
    readonly right: Rate;
    /** Out-of-scope questions answered at `high`. */
    readonly outOfScope: number;
  };
  /**
   * Questions in Chinese (10 Han characters or more, whatever else they paste), decided right: an
   * in-scope or companion question with a right unit first, another runtime's or a no-memory
   * question refused, a related-only one not answered as if a unit answered it. They are read
   * through the glossary (`withGlossary`).
   */
  readonly chinese: Rate;
  /**
   * Questions in another language (their `language`: Spanish, Portuguese, French, German, Italian,
   * Russian, Japanese, Korean), decided right as the Chinese ones are. They are read through the
   * glossary (`readGlossary`).
   */
  readonly otherLanguage: Rate;
  /** Of those, the Python memory questions (in-scope and companion) with a right unit first. */
  readonly otherLanguageAnswered: Rate;
  /** Of those, the other runtimes' and no-memory questions refused. */
  readonly otherLanguageRefused: Rate;
  /** `medium` and `low` answers right at rank 1, counted as for `high`. */
  readonly mediumRight: Rate;
  readonly lowRight: Rate;
  /** Per question: what went wrong, for the tuning half's report (never printed for the holdout unless asked). */
  readonly failures: readonly string[];
}

export interface RealEvalReport {
  readonly halves: readonly RealHalfReport[];
  /**
   * The holdout questions of the newest collection round alone: collected after every earlier
   * holdout had been read, so never looked at while tuning (the cleanest estimate there is).
   */
  readonly fresh: { readonly round: number; readonly report: RealHalfReport };
}

/** Runs the real set as the service answers it, half by half. */
export async function runRealEval(
  index: LoadedIndex,
  settings: AnswerSettings,
  set: RealQuestionSet,
): Promise<RealEvalReport> {
  const signals = await collectSignals(index, settings, set.questions.map(signalQuestion));
  return scoreRealSet(set.questions, signals, settings);
}

/** The eval question a real question is. */
export function signalQuestion(q: RealQuestion) {
  return { question: q.question, category: q.category, expected: q.expected ?? q.related ?? [], set: 'real' };
}

/** Scores precomputed signals under `settings` (used by the calibration sweeps too). */
export function scoreRealSet(
  questions: readonly RealQuestion[],
  signals: readonly AnswerSignals[],
  settings: AnswerSettings,
): RealEvalReport {
  const items = (keep: (q: RealQuestion) => boolean) =>
    questions.flatMap((q, i) => (keep(q) ? [{ q, s: signals[i] as AnswerSignals }] : []));
  const halves = (['tuning', 'holdout'] as const).map((half) =>
    scoreHalf(
      half,
      items((q) => q.half === half),
      settings,
    ),
  );
  const round = Math.max(...questions.map((q) => q.round ?? 1));
  const fresh = scoreHalf(
    'holdout',
    items((q) => q.half === 'holdout' && (q.round ?? 1) === round),
    settings,
  );
  return { halves, fresh: { round, report: fresh } };
}

function scoreHalf(
  half: Half,
  items: readonly { q: RealQuestion; s: AnswerSignals }[],
  settings: AnswerSettings,
): RealHalfReport {
  const rate = (hits: number, n: number): Rate => ({ hits, n });
  const count = (list: readonly { o: AnswerOutcome }[], test: (o: AnswerOutcome) => boolean) =>
    list.filter(({ o }) => test(o)).length;
  const scored = items.map(({ q, s }) => ({ q, s, o: outcomeOf(s, settings) }));
  const of = (category: RealQuestion['category']) => scored.filter((x) => x.q.category === category);
  const failures: string[] = [];

  const answerable = (category: 'in-scope' | 'companion') => {
    const list = of(category);
    let rightFirst = 0;
    let rightInTop3 = 0;
    let cited = 0;
    let citedRight = 0;
    let triage = 0;
    let triageRight = 0;
    for (const { q, s, o } of list) {
      const expected = q.expected ?? [];
      const first = o.cited[0];
      if (first && expected.includes(first)) rightFirst++;
      if (o.triage) {
        triage++;
        if (o.cited.slice(1).some((id) => expected.includes(id))) triageRight++;
      }
      if (s.ranked.slice(0, 3).some((t) => expected.includes(t.tip.id))) rightInTop3++;
      cited += o.cited.length;
      citedRight += o.cited.filter((id) => expected.includes(id)).length;
      const wrongCitations = o.cited.filter((id) => !expected.includes(id));
      if (o.coverage !== 'answer')
        failures.push(
          `[${category}, ${o.coverage}${o.abstainReason ? ` ${o.abstainReason}` : ''}${o.related.length > 0 ? `: ${o.related.join(', ')}` : ''}] ${q.question}`,
        );
      else if (!first || !expected.includes(first)) failures.push(`[${category}, wrong first: ${first}] ${q.question}`);
      else if (wrongCitations.length > 0)
        failures.push(`[${category}, padding: ${wrongCitations.join(', ')}] ${q.question}`);
    }
    const answered = count(list, (o) => o.coverage === 'answer');
    return {
      answered: rate(answered, list.length),
      rightFirst: rate(rightFirst, list.length),
      rightInTop3: rate(rightInTop3, list.length),
      triageRightAfter: rate(triageRight, triage),
      citationsRelevant: rate(citedRight, cited),
      citationsPerAnswer: answered === 0 ? 0 : cited / answered,
    };
  };
  const inScope = answerable('in-scope');
  const { citationsPerAnswer: _perAnswer, ...companion } = answerable('companion');

  const related = of('related');
  let listed = 0;
  let listedRight = 0;
  for (const { q, o } of related) {
    const acceptable = q.related ?? [];
    listed += o.related.length;
    listedRight += o.related.filter((id) => acceptable.includes(id)).length;
    if (o.coverage === 'answer') failures.push(`[related, answered: ${o.cited.join(', ')}] ${q.question}`);
  }

  const abstainedOf = (list: readonly { o: AnswerOutcome }[]) =>
    rate(
      count(list, (o) => o.coverage !== 'answer'),
      list.length,
    );
  const oos = (category: 'other-runtime' | 'not-memory', reason: string) => {
    const list = of(category);
    for (const { q, o } of list)
      if (o.coverage === 'answer')
        failures.push(`[${category}, answered ${o.confidence}: ${o.cited[0]}] ${q.question}`);
    return {
      abstained: abstainedOf(list),
      reason: rate(
        count(list, (o) => o.abstainReason === reason),
        list.length,
      ),
    };
  };
  const otherRuntimeItems = of('other-runtime');
  const otherRuntime = {
    ...oos('other-runtime', 'other_runtime'),
    shownAbstained: abstainedOf(otherRuntimeItems.filter(({ q }) => q.runtimeShown === true)),
    unshownAbstained: abstainedOf(otherRuntimeItems.filter(({ q }) => q.runtimeShown === false)),
  };
  const notMemory = oos('not-memory', 'not_memory');

  const answeredAt = (level: AnswerOutcome['confidence']) =>
    scored.filter(({ o }) => o.coverage === 'answer' && o.confidence === level);
  const rightOf = (list: readonly { q: RealQuestion; o: AnswerOutcome }[]) =>
    list.filter(({ q, o }) => ANSWERABLE.includes(q.category) && (q.expected ?? []).includes(o.cited[0] ?? '')).length;
  const high = answeredAt('high');
  const highRight = rightOf(high);
  const medium = answeredAt('medium');
  const low = answeredAt('low');
  const highOutOfScope = high.filter(({ q }) => q.category === 'other-runtime' || q.category === 'not-memory').length;
  const chinese = scored.filter(({ q }) => q.language === undefined && inChinese(q.question));
  const otherLanguage = scored.filter(({ q }) => q.language !== undefined);

  return {
    half,
    questions: items.length,
    inScope,
    companion,
    related: {
      notAnswered: rate(
        count(related, (o) => o.coverage !== 'answer'),
        related.length,
      ),
      relatedCoverage: rate(
        count(related, (o) => o.coverage === 'related'),
        related.length,
      ),
      relatedRelevant: rate(listedRight, listed),
    },
    otherRuntime,
    notMemory,
    outOfScope: {
      abstained: rate(
        otherRuntime.abstained.hits + notMemory.abstained.hits,
        otherRuntime.abstained.n + notMemory.abstained.n,
      ),
    },
    high: { right: rate(highRight, high.length), outOfScope: highOutOfScope },
    chinese: rightRate(chinese),
    otherLanguage: rightRate(otherLanguage),
    otherLanguageAnswered: rightRate(otherLanguage.filter(({ q }) => ANSWERABLE.includes(q.category))),
    otherLanguageRefused: rightRate(
      otherLanguage.filter(({ q }) => q.category === 'other-runtime' || q.category === 'not-memory'),
    ),
    mediumRight: rate(rightOf(medium), medium.length),
    lowRight: rate(rightOf(low), low.length),
    failures,
  };
}

const HAN = /\p{Script=Han}/gu;

/** Whether a question is counted as written in Chinese: 10 Han characters or more, whatever else it pastes. */
export function inChinese(question: string): boolean {
  return (question.match(HAN)?.length ?? 0) >= 10;
}

/** How many of `items` are decided right ({@link decidedRight}). */
function rightRate(items: readonly { q: RealQuestion; o: AnswerOutcome }[]): Rate {
  return { hits: items.filter(decidedRight).length, n: items.length };
}

/** Whether a real question's outcome is the one its category wants (see `RealHalfReport.chinese`). */
function decidedRight({ q, o }: { q: RealQuestion; o: AnswerOutcome }): boolean {
  if (ANSWERABLE.includes(q.category)) return o.coverage === 'answer' && (q.expected ?? []).includes(o.cited[0] ?? '');
  return o.coverage !== 'answer';
}

/** A rate as a share (1 when there is nothing to count). */
export function share(r: Rate): number {
  return r.n === 0 ? 1 : r.hits / r.n;
}

const pct = (r: Rate) => (r.n === 0 ? '–' : `${((100 * r.hits) / r.n).toFixed(1)}% (${r.hits}/${r.n})`);

/**
 * The 95% Wilson score interval of a rate: where the true share lies, given the questions drawn.
 * With the holdout's 25 to 56 questions per line it is 10 to 30 points wide, so a line a question
 * or two under its target is not shown to miss it, and one just over is not shown to meet it.
 *
 * @example wilsonInterval({ hits: 50, n: 56 }) // { low: 0.785, high: 0.950 } (rounded)
 */
export function wilsonInterval(r: Rate, z = 1.96): { readonly low: number; readonly high: number } {
  if (r.n === 0) return { low: 0, high: 1 };
  const p = r.hits / r.n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * r.n)) / (1 + z2 / r.n);
  const half = (z * Math.sqrt((p * (1 - p)) / r.n + z2 / (4 * r.n * r.n))) / (1 + z2 / r.n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The fewest hits of `n` that meet `target` (a share). */
export function hitsToMeet(target: number, n: number): number {
  // Rounded first: 0.85 × 40 is 33.99999… in floating point, and 34 of 40 meets 85%.
  return Math.ceil(Math.round(target * n * 1e6) / 1e6);
}

/**
 * The holdout's targeted lines with their 95% intervals and what meeting each target takes: how
 * far a miss is, in questions, and whether the data can tell it from the target at all.
 */
export function formatHoldoutIntervals(holdout: RealHalfReport): string {
  const t = REAL_TARGETS;
  const lines: [string, Rate, number][] = [
    ['out-of-scope abstained', holdout.outOfScope.abstained, t.outOfScopeAbstained],
    ['· other runtime abstained', holdout.otherRuntime.abstained, t.eachKindAbstained],
    ['· · its text shows the runtime (not a target line)', holdout.otherRuntime.shownAbstained, t.eachKindAbstained],
    ['· not memory abstained', holdout.notMemory.abstained, t.eachKindAbstained],
    ['in-scope answered', holdout.inScope.answered, t.inScopeAnswered],
    ['in-scope right tip first', holdout.inScope.rightFirst, t.rightFirst],
    ['in-scope right tip in top 3', holdout.inScope.rightInTop3, t.rightInTop3],
    ['citations relevant', holdout.inScope.citationsRelevant, t.citationsRelevant],
    ['companion right unit first', holdout.companion.rightFirst, t.companionRightFirst],
    ['`high` right at rank 1', holdout.high.right, t.highRight],
  ];
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    'the holdout against its targets (95% Wilson interval; what meeting the target takes):',
    '',
    '| target line | holdout | 95% interval | target | meets it at |',
    '|---|---:|---:|---:|---:|',
    ...lines.map(([name, rate, target]) => {
      const { low, high } = wilsonInterval(rate);
      const need = hitsToMeet(target, rate.n);
      const status = rate.hits >= need ? 'met' : `${need - rate.hits} more`;
      return `| ${name} | ${pct(rate)} | ${percent(low)}–${percent(high)} | ≥ ${target * 100}% | ${need} of ${rate.n} (${status}) |`;
    }),
  ].join('\n');
}

/**
 * The real-set table: both halves side by side, per category, with the holdout targets, and the
 * tuning-only set (`tuningSet`, see REAL_TUNING_SET) in a column of its own. Failures are listed
 * for the tuning half only, unless `showHoldout` (after tuning is done).
 */
export function formatRealReport(
  report: RealEvalReport,
  options: {
    readonly showHoldout?: boolean;
    readonly tuningSet?: RealHalfReport;
    /** List the tuning-only set's failures too (they are many). */
    readonly showTuningSet?: boolean;
  } = {},
): string {
  const [tuning, holdout] = report.halves as [RealHalfReport, RealHalfReport];
  const extra = options.tuningSet;
  const t = REAL_TARGETS;
  const rows: [string, (h: RealHalfReport) => string, string][] = [
    ['questions', (h) => String(h.questions), ''],
    ['out-of-scope abstained', (h) => pct(h.outOfScope.abstained), `≥ ${t.outOfScopeAbstained * 100}%`],
    ['· other runtime abstained', (h) => pct(h.otherRuntime.abstained), `≥ ${t.eachKindAbstained * 100}%`],
    ['· other runtime, reason `other_runtime`', (h) => pct(h.otherRuntime.reason), ''],
    ['· · its text shows the runtime: abstained', (h) => pct(h.otherRuntime.shownAbstained), ''],
    ['· · only its source says so: abstained', (h) => pct(h.otherRuntime.unshownAbstained), ''],
    ['· not memory abstained', (h) => pct(h.notMemory.abstained), `≥ ${t.eachKindAbstained * 100}%`],
    ['· not memory, reason `not_memory`', (h) => pct(h.notMemory.reason), ''],
    ['related-only not answered', (h) => pct(h.related.notAnswered), ''],
    ['· related-only, coverage `related`', (h) => pct(h.related.relatedCoverage), ''],
    ['· related tips listed that fit', (h) => pct(h.related.relatedRelevant), ''],
    ['in-scope answered', (h) => pct(h.inScope.answered), `≥ ${t.inScopeAnswered * 100}%`],
    ['in-scope right tip first', (h) => pct(h.inScope.rightFirst), `≥ ${t.rightFirst * 100}%`],
    ['· opened by a triage unit: right tip cited after it', (h) => pct(h.inScope.triageRightAfter), ''],
    ['in-scope right tip in top 3', (h) => pct(h.inScope.rightInTop3), `≥ ${t.rightInTop3 * 100}%`],
    ['citations relevant', (h) => pct(h.inScope.citationsRelevant), `≥ ${t.citationsRelevant * 100}%`],
    ['citations per answer', (h) => h.inScope.citationsPerAnswer.toFixed(2), ''],
    ['companion answered', (h) => pct(h.companion.answered), ''],
    ['companion right unit first', (h) => pct(h.companion.rightFirst), `≥ ${t.companionRightFirst * 100}%`],
    ['· opened by a triage unit: right unit cited after it', (h) => pct(h.companion.triageRightAfter), ''],
    ['companion right unit in top 3', (h) => pct(h.companion.rightInTop3), ''],
    ['companion citations relevant', (h) => pct(h.companion.citationsRelevant), ''],
    ['`high` right at rank 1', (h) => pct(h.high.right), `≥ ${t.highRight * 100}%`],
    ['out-of-scope at `high`', (h) => String(h.high.outOfScope), '0'],
    ['in Chinese: decided right', (h) => pct(h.chinese), ''],
    ['in another language (es, pt, fr, de, it, ru, ja, ko): decided right', (h) => pct(h.otherLanguage), ''],
    ['· Python memory questions: right unit first', (h) => pct(h.otherLanguageAnswered), ''],
    ['· other runtimes and no memory angle: refused', (h) => pct(h.otherLanguageRefused), ''],
    ['`medium` right at rank 1', (h) => pct(h.mediumRight), ''],
    ['`low` (answered) right at rank 1', (h) => pct(h.lowRight), ''],
  ];
  const fresh = report.fresh.report;
  const columns: [string, RealHalfReport][] = [
    ['tuning', tuning],
    ['holdout', holdout],
    [`holdout, round ${report.fresh.round} only`, fresh],
    ...(extra ? [['tuning-only set', extra] as [string, RealHalfReport]] : []),
  ];
  const lines = [
    `real questions (test/eval/real-questions.json): ${tuning.questions} tuning, ${holdout.questions} holdout, ` +
      `of which ${fresh.questions} from round ${report.fresh.round} (collected after the earlier holdouts were read)`,
    ...(extra
      ? [`and ${extra.questions} in the tuning-only set (test/eval/real-tuning-questions.json, never held out)`]
      : []),
    '',
    `| metric | ${columns.map(([name]) => name).join(' | ')} | target (holdout) |`,
    `|---|${columns.map(() => '---:|').join('')}---:|`,
    ...rows.map(([name, cell, target]) => `| ${name} | ${columns.map(([, h]) => cell(h)).join(' | ')} | ${target} |`),
    '',
    formatHoldoutIntervals(holdout),
    '',
    `tuning-half failures (${tuning.failures.length}):`,
    ...tuning.failures.map((f) => `  - ${f}`),
  ];
  if (extra)
    lines.push(
      '',
      options.showTuningSet
        ? `tuning-only set failures (${extra.failures.length}):`
        : `tuning-only set failures: ${extra.failures.length} (listed with --show-tuning-set)`,
      ...(options.showTuningSet ? extra.failures.map((f) => `  - ${f}`) : []),
    );
  if (options.showHoldout)
    lines.push('', `holdout-half failures (${holdout.failures.length}):`, ...holdout.failures.map((f) => `  - ${f}`));
  else
    lines.push(
      '',
      `holdout-half failures: ${holdout.failures.length} (listed with --show-holdout, once tuning is done)`,
    );
  return lines.join('\n');
}
