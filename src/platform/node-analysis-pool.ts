import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AnalysisBudgetError, SERVICE_ANALYSIS_LIMITS, type AnalysisLimits } from '../analyze/analysis-budget.js';
import { AnalysisUnavailableError, type AnalyzeRequest, type CodeAnalyzer } from '../analyze/code-analyzer.js';
import type { AnalysisResult } from '../analyze/types.js';
import type { Logger } from '../logger.js';
import type { AnalysisTask, AnalysisTaskResult } from './analysis-worker.js';

export interface AnalysisPoolOptions {
  /** Worker threads: `ANALYSIS_THREADS`, by default one per core. */
  readonly threads: number;
  /** `ANALYSIS_TIMEOUT_MS`: longest an analysis may take, waiting in the queue included; then 503. */
  readonly timeoutMs: number;
  /** `ANALYSIS_QUEUE`: analyses that may wait for a thread; more are refused at once (503). */
  readonly maxQueue: number;
  readonly logger: Logger;
  readonly limits?: AnalysisLimits;
  /** How long an idle thread is kept before it exits, returning its memory; 5 s by default. */
  readonly idleTimeoutMs?: number;
}

// Compiled, the worker is the .js beside this file; run from the sources (tsx, vitest) it is the .ts,
// which a thread can only load with tsx's loader (a dev dependency, as the sources need it anyway).
const WORKER_JS = new URL('./analysis-worker.js', import.meta.url);
const WORKER_TS = new URL('./analysis-worker.ts', import.meta.url);

/**
 * The Node analyzer: `analyzeSnippet` in a pool of worker threads (piscina), so that analyzing a
 * costly input (up to a few hundred ms of CPU, bounded by the work budget) never holds up the
 * thread that answers every other request. Each analysis has a time budget covering its wait for
 * a thread; past it, or when the queue is full, it is refused with a 503 (`AnalysisUnavailableError`)
 * and a thread still running it is stopped (and replaced). Threads run at a lower priority than the
 * request thread (`nice` +10, on Linux), and each has its own heap limit, so a runaway analysis
 * ends that thread, never the process.
 *
 * @example
 * const analyzer = createAnalysisPool({ threads: 2, timeoutMs: 3000, maxQueue: 64, logger });
 * const { findings } = await analyzer.analyze({ code: 's = ""\nfor w in ws:\n    s += w\n' });
 * await analyzer.close();
 */
export function createAnalysisPool(options: AnalysisPoolOptions): CodeAnalyzer {
  const limits = options.limits ?? SERVICE_ANALYSIS_LIMITS;
  const compiled = existsSync(fileURLToPath(WORKER_JS));
  const pool = new Piscina<AnalysisTask, AnalysisTaskResult>({
    filename: (compiled ? WORKER_JS : WORKER_TS).href,
    ...(compiled ? {} : { execArgv: [...process.execArgv, '--import', 'tsx'] }),
    // Threads start with the first analyses and end after a quiet spell: a server nobody sends
    // code to keeps none, and the heap an analysis burst grew is returned when it is over.
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: options.idleTimeoutMs ?? 5_000,
    niceIncrement: 10,
    resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 },
  });
  // A thread that dies (its heap limit) is replaced by piscina; the task it ran is refused below.
  pool.on('error', (error: unknown) => options.logger.error('analysis_thread_failed', { error: String(error) }));
  let closed = false;
  // Analyses running or waiting. The queue is bounded here: piscina does not apply its `maxQueue`
  // to tasks that carry an abort signal, and every task here carries its time budget.
  let inFlight = 0;
  const capacity = options.threads + options.maxQueue;
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async analyze({ code }: AnalyzeRequest): Promise<AnalysisResult> {
      if (closed) throw new AnalysisUnavailableError('closed', 'The server is shutting down; retry on another instance.', 1);
      if (inFlight >= capacity) {
        throw new AnalysisUnavailableError(
          'queue-full',
          `Too many analyses are waiting (the queue holds ${options.maxQueue}, ANALYSIS_QUEUE): the server is busy.`,
          1,
        );
      }
      let outcome: AnalysisTaskResult;
      inFlight++;
      try {
        outcome = await pool.run({ code, limits }, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        throw unavailable(error, options, seconds);
      } finally {
        inFlight--;
      }
      if (!outcome.ok) throw new AnalysisBudgetError(outcome.budget.limit, outcome.budget.phase);
      for (const { rule, error } of outcome.ruleErrors) options.logger.error('analyzer_rule_failed', { rule, error });
      return outcome.result;
    },
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}

/** What a failed `pool.run` means for the client: all of it is "retry later". */
function unavailable(error: unknown, options: AnalysisPoolOptions, seconds: (ms: number) => number): AnalysisUnavailableError {
  const name = (error as Error | undefined)?.name;
  const message = String((error as Error | undefined)?.message ?? error);
  if (name === 'AbortError' || /abort/i.test(message)) {
    return new AnalysisUnavailableError(
      'time-budget',
      `The analysis did not finish within its time budget of ${options.timeoutMs.toLocaleString('en-US')} ms (ANALYSIS_TIMEOUT_MS), waiting for a thread included: the server is busy.`,
      seconds(options.timeoutMs),
    );
  }
  options.logger.error('analysis_failed', { error: message });
  return new AnalysisUnavailableError('failed', 'The analysis thread failed; the request id identifies it in the logs.', 1);
}
