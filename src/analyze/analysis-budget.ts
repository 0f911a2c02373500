/**
 * What one analysis may cost and return. The service passes these (`analyzeSnippet(code, { limits })`);
 * without them an analysis is unbounded (the CLI, on a developer's own files).
 */
export interface AnalysisLimits {
  /** Most findings returned, the first in source order; more set `truncated`. */
  readonly maxFindings: number;
  /** Most syntax errors returned, the first in source order; more set `truncated`. */
  readonly maxSyntaxErrors: number;
  /**
   * Work units one analysis may take: one per parser step, more per error-recovery step (by the
   * parse stacks it tries), one per syntax node a rule visits. A unit is about 1–3 µs of CPU, so
   * the budget bounds the CPU of any input, on Node and in workerd alike (where clocks do not
   * advance while code runs, so time cannot be the measure). Over it: {@link AnalysisBudgetError}.
   */
  readonly workUnits: number;
}

/**
 * The limits the service applies. A work unit costs about 0.1–0.35 µs of CPU (rule scans the
 * least, parsing deep chains the most; measured over the inputs in `test/analyze/hostile-inputs.ts`
 * and the dense corpus below), so 1,100,000 bound any analysis to roughly 100–350 ms. 64 KiB of
 * dense Python (the analyzer's test corpus repeated: 3,017 lines, 255 syntax errors) takes about
 * 730,000, most of it the rules' subtree scans (issue #16's data-flow rules); real files of that
 * size less. The parser's chains (`f()()()…`, `)(` repeated) take 330,000–370,000 with our
 * grammar. Over the budget are inputs such as 99 nested `def f(a=[])` over 64 KiB of
 * `a.append(open(p).read())` lines, whose every scope the rules rescan (1,150,000): a 422.
 * 250 findings are about 170 KB of JSON; 64 KiB of `open(p)` lines made 8,192 (5.5 MB).
 */
export const SERVICE_ANALYSIS_LIMITS: AnalysisLimits = { maxFindings: 250, maxSyntaxErrors: 100, workUnits: 1_100_000 };

/** An analysis went over its work budget: the input is too costly to analyze, whatever the load. */
export class AnalysisBudgetError extends Error {
  override readonly name = 'AnalysisBudgetError';
  constructor(
    /** The budget, in work units. */
    readonly limit: number,
    /** What was running when it ran out: `parse` or `rules`. */
    readonly phase: 'parse' | 'rules',
  ) {
    super(
      `The analysis went over its budget of ${limit.toLocaleString('en-US')} work units while ${phase === 'parse' ? 'parsing' : 'running the rules'}.`,
    );
  }
}

/** Counts the work of one analysis against its budget; throws {@link AnalysisBudgetError} past it. */
export class WorkMeter {
  used = 0;
  phase: 'parse' | 'rules' = 'parse';
  constructor(readonly limit: number) {}

  charge(units: number): void {
    this.used += units;
    if (this.used > this.limit) throw new AnalysisBudgetError(this.limit, this.phase);
  }
}

// The meter of the analysis running now. Analysis is synchronous, so there is at most one; helpers
// deep in the rules (tree walks) charge it without every rule passing it along.
let current: WorkMeter | undefined;

/** Charges the running analysis' meter, if it has one; a no-op otherwise. */
export function chargeWork(units: number): void {
  current?.charge(units);
}

/**
 * Runs `analysis` with `meter` as the running analysis' meter (none: unmetered).
 *
 * @example const result = withWorkMeter(new WorkMeter(250_000), () => analyze(code));
 */
export function withWorkMeter<T>(meter: WorkMeter | undefined, analysis: () => T): T {
  const previous = current;
  current = meter;
  try {
    return analysis();
  } finally {
    current = previous;
  }
}

/** The meter of the running analysis, for the parser, which charges by its own measure. */
export function currentWorkMeter(): WorkMeter | undefined {
  return current;
}
