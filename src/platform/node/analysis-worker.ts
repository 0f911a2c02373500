import { AnalysisBudgetError, type AnalysisLimits } from '../../analyze/analysis-budget.js';
import { analyzeSnippet } from '../../analyze/analyze-snippet.js';
import type { AnalysisResult } from '../../analyze/types.js';

/** One analysis for a pool thread (`node-analysis-pool.ts`). */
export interface AnalysisTask {
  readonly code: string;
  readonly limits: AnalysisLimits;
  readonly includeInfo: boolean;
}

/**
 * What a thread sends back. Errors lose their class crossing threads, so a budget overrun and the
 * rules that threw (logged by the main thread, which has the logger) travel as data.
 */
export type AnalysisTaskResult =
  | { readonly ok: true; readonly result: AnalysisResult; readonly ruleErrors: readonly RuleFailure[] }
  | { readonly ok: false; readonly budget: { readonly limit: number; readonly phase: AnalysisBudgetError['phase'] } };

export interface RuleFailure {
  readonly rule: string;
  readonly error: string;
}

/** The pool thread's task: `analyzeSnippet` under the service's limits. */
export default function analyzeTask({ code, limits, includeInfo }: AnalysisTask): AnalysisTaskResult {
  const ruleErrors: RuleFailure[] = [];
  try {
    const result = analyzeSnippet(code, {
      limits,
      includeInfo,
      onRuleError: (rule, error) => ruleErrors.push({ rule, error: String(error) }),
    });
    return { ok: true, result, ruleErrors };
  } catch (error) {
    if (error instanceof AnalysisBudgetError) return { ok: false, budget: { limit: error.limit, phase: error.phase } };
    throw error;
  }
}
