import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AnalysisBudgetError, SERVICE_ANALYSIS_LIMITS, type AnalysisLimits } from '../../analyze/analysis-budget.js';
import { AnalysisUnavailableError, type AnalyzeRequest, type CodeAnalyzer } from '../../analyze/code-analyzer.js';
import type { AnalysisResult } from '../../analyze/types.js';
import type { Logger } from '../../logger.js';
import type { AnalysisTask, AnalysisTaskResult } from './analysis-worker.js';

export interface AnalysisPoolOptions {
  /** Worker threads: `ANALYSIS_THREADS`, by default {@link defaultAnalysisThreads}. */
  readonly threads: number;
  /**
   * `ANALYSIS_TIMEOUT_MS`: longest an analysis may wait for a thread (then 503, without running),
   * and longest it may run (then its thread is stopped and replaced, and 503).
   */
  readonly timeoutMs: number;
  /** `ANALYSIS_QUEUE`: analyses that may wait for a thread; more are refused at once (503). */
  readonly maxQueue: number;
  readonly logger: Logger;
  readonly limits?: AnalysisLimits;
  /** How long an idle thread is kept before it exits, returning its memory; 5 s by default. */
  readonly idleTimeoutMs?: number;
}

/**
 * One thread per core but one, which is left to the thread that answers requests (and at least
 * one): on the 2-core benchmark machine, 8 clients sending the costliest 64 KiB inputs kept the
 * p99 of `/healthz` at 43 ms with one analysis thread, 99 ms with two (issue #19).
 */
export function defaultAnalysisThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

// Compiled, the worker is the .js beside this file; run from the sources (tsx, vitest) it is the .ts,
// which a thread can only load with tsx's loader (a dev dependency, as the sources need it anyway).
const WORKER_JS = new URL('./analysis-worker.js', import.meta.url);
const WORKER_TS = new URL('./analysis-worker.ts', import.meta.url);

/** An analysis waiting for a thread. */
interface Waiting {
  readonly task: AnalysisTask;
  readonly resolve: (outcome: AnalysisTaskResult) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * The Node analyzer: `analyzeSnippet` in a pool of worker threads (piscina), so that analyzing a
 * costly input (up to a few hundred ms of CPU, bounded by the work budget) never holds up the
 * thread that answers every other request. Analyses wait in a bounded queue, first come first
 * served; one that cannot start within its time budget is refused (503) without running, so an
 * overloaded server does no work nobody waits for, and one that runs past it has its thread
 * stopped and replaced. Threads run at a lower priority than the request thread (`nice` +10, on
 * Linux), start with the first analysis and end after 5 idle seconds (returning the heap a burst
 * grew), and each has its own heap limit, so a runaway analysis ends that thread, never the process.
 *
 * @example
 * const analyzer = createAnalysisPool({ threads: 1, timeoutMs: 3000, maxQueue: 64, logger });
 * const { findings } = await analyzer.analyze({ code: 's = ""\nfor w in ws:\n    s += w\n' });
 * await analyzer.close();
 */
export function createAnalysisPool(options: AnalysisPoolOptions): CodeAnalyzer {
  const limits = options.limits ?? SERVICE_ANALYSIS_LIMITS;
  const { threads, timeoutMs, maxQueue, logger } = options;
  const compiled = existsSync(fileURLToPath(WORKER_JS));
  const pool = new Piscina<AnalysisTask, AnalysisTaskResult>({
    filename: (compiled ? WORKER_JS : WORKER_TS).href,
    ...(compiled ? {} : { execArgv: [...process.execArgv, '--import', 'tsx'] }),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 5_000,
    niceIncrement: 10,
    resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 },
  });
  // A thread that dies (its heap limit) is replaced by piscina; the task it ran is refused below.
  pool.on('error', (error: unknown) => logger.error('analysis_thread_failed', { error: String(error) }));

  const waiting: Waiting[] = [];
  let running = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  const budget = timeoutMs.toLocaleString('en-US');
  const retryAfter = Math.max(1, Math.ceil(timeoutMs / 1000));

  const start = (task: AnalysisTask): Promise<AnalysisTaskResult> => {
    running++;
    return pool.run(task, { signal: AbortSignal.timeout(timeoutMs) }).finally(() => {
      running--;
      next();
    });
  };
  const leave = (item: Waiting) => {
    const at = waiting.indexOf(item);
    if (at >= 0) waiting.splice(at, 1);
    clearTimeout(item.timer);
    item.signal?.removeEventListener('abort', item.onAbort);
  };
  const next = () => {
    while (running < threads && waiting.length > 0) {
      const item = waiting[0] as Waiting;
      leave(item);
      start(item.task).then(item.resolve, item.reject);
    }
  };
  const cancelled = () =>
    new AnalysisUnavailableError('cancelled', 'The request was cancelled before its analysis started.', 1);
  const run = (task: AnalysisTask, signal: AbortSignal | undefined): Promise<AnalysisTaskResult> => {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (running < threads) return start(task);
    if (waiting.length >= maxQueue) {
      return Promise.reject(
        new AnalysisUnavailableError(
          'queue-full',
          `Too many analyses are waiting (the queue holds ${maxQueue}, ANALYSIS_QUEUE): the server is busy.`,
          1,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const item: Waiting = {
        task,
        resolve,
        reject,
        signal,
        // The client went away while waiting: its place goes to the next one, nothing is run for it.
        onAbort: () => {
          leave(item);
          reject(cancelled());
        },
        timer: setTimeout(() => {
          leave(item);
          reject(
            new AnalysisUnavailableError(
              'time-budget',
              `No analysis thread was free within the time budget of ${budget} ms (ANALYSIS_TIMEOUT_MS): the server is busy.`,
              retryAfter,
            ),
          );
        }, timeoutMs),
      };
      waiting.push(item);
      signal?.addEventListener('abort', item.onAbort, { once: true });
    });
  };

  return {
    async analyze({ code, includeInfo }: AnalyzeRequest, { signal } = {}): Promise<AnalysisResult> {
      if (closed)
        throw new AnalysisUnavailableError('closed', 'The server is shutting down; retry on another instance.', 1);
      let outcome: AnalysisTaskResult;
      try {
        outcome = await run({ code, limits, includeInfo: includeInfo === true }, signal);
      } catch (error) {
        if (error instanceof AnalysisUnavailableError) throw error;
        throw unavailable(error, logger, budget, retryAfter);
      }
      if (!outcome.ok) throw new AnalysisBudgetError(outcome.budget.limit, outcome.budget.phase);
      for (const { rule, error } of outcome.ruleErrors) logger.error('analyzer_rule_failed', { rule, error });
      return outcome.result;
    },
    close() {
      if (!closing) {
        closed = true;
        for (const item of [...waiting]) {
          leave(item);
          item.reject(
            new AnalysisUnavailableError('closed', 'The server is shutting down; retry on another instance.', 1),
          );
        }
        closing = pool.destroy();
      }
      return closing;
    },
  };
}

/** What a failed `pool.run` means for the client: all of it is "retry later". */
function unavailable(error: unknown, logger: Logger, budget: string, retryAfter: number): AnalysisUnavailableError {
  const name = (error as Error | undefined)?.name;
  const message = String((error as Error | undefined)?.message ?? error);
  if (name === 'AbortError' || /abort/i.test(message)) {
    return new AnalysisUnavailableError(
      'time-budget',
      `The analysis did not finish within its time budget of ${budget} ms (ANALYSIS_TIMEOUT_MS): the server is busy.`,
      retryAfter,
    );
  }
  if (/terminat/i.test(message))
    return new AnalysisUnavailableError('closed', 'The server is shutting down; retry on another instance.', 1);
  logger.error('analysis_failed', { error: message });
  return new AnalysisUnavailableError(
    'failed',
    'The analysis thread failed; the request id identifies it in the logs.',
    1,
  );
}
