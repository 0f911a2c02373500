import { SERVICE_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis-budget.js';
import { analyzeSnippet } from './analyze-snippet.js';
import type { AnalysisResult } from './types.js';

/** Code to analyze; `filename` is echoed by tools that report per file; `includeInfo` adds the info tier. */
export interface AnalyzeRequest {
  readonly code: string;
  readonly filename?: string | undefined;
  readonly includeInfo?: boolean | undefined;
}

/**
 * Where the service analyzes code: every channel (`/v1/analyze`, `/v1/ask` with a snippet, the
 * stream, chat completions, MCP, Slack, Discord, the widget) goes through one. On Node it is a pool
 * of worker threads (`src/platform/node/analysis-pool.ts`), so a costly input never holds up the
 * request thread; on Workers it runs in the isolate ({@link inProcessAnalyzer}). Both apply
 * {@link SERVICE_ANALYSIS_LIMITS}: results are capped (`truncated`), and an input over the work
 * budget is refused with `AnalysisBudgetError` (the input's fault: 422). The pool also refuses
 * with {@link AnalysisUnavailableError} when it cannot finish in time or has no room (503).
 */
export interface CodeAnalyzer {
  /** `signal`: the client went away; an analysis still waiting for a thread is dropped (`AnalysisUnavailableError` 'cancelled'). */
  analyze(request: AnalyzeRequest, options?: { readonly signal?: AbortSignal | undefined }): Promise<AnalysisResult>;
  /** Stops the analyzer's threads (Node shutdown); later analyses are refused. */
  close(): Promise<void>;
}

/** Why an analysis was not run to the end, through no fault of the input: retry later. */
export type AnalysisUnavailableReason = 'time-budget' | 'queue-full' | 'closed' | 'failed' | 'cancelled';

/** The analyzer could not analyze now (too busy, over its time budget, shut down): a 503 with `Retry-After`. */
export class AnalysisUnavailableError extends Error {
  override readonly name = 'AnalysisUnavailableError';
  constructor(
    readonly reason: AnalysisUnavailableReason,
    message: string,
    /** When to try again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export interface InProcessAnalyzerOptions {
  readonly limits?: AnalysisLimits;
  /** Told when a rule throws (a bug); the rule is dropped from that analysis. */
  readonly onRuleError?: (rule: string, error: unknown) => void;
}

/**
 * Analyzes in the calling thread, synchronously under the promise: for Workers (an isolate has
 * one thread, and the work budget keeps each analysis far inside its CPU limit) and for tests.
 *
 * @example const analyzer = inProcessAnalyzer({ onRuleError: (rule, e) => logger.error('analyzer_rule_failed', { rule, error: String(e) }) });
 */
export function inProcessAnalyzer(options: InProcessAnalyzerOptions = {}): CodeAnalyzer {
  const limits = options.limits ?? SERVICE_ANALYSIS_LIMITS;
  let closed = false;
  return {
    async analyze({ code, filename, includeInfo }) {
      if (closed) throw new AnalysisUnavailableError('closed', 'The analyzer is shutting down.', 1);
      return analyzeSnippet(code, {
        limits,
        includeInfo: includeInfo === true,
        ...(filename === undefined ? {} : { filename }),
        ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
      });
    },
    async close() {
      closed = true;
    },
  };
}
