import type { AnalysisResult } from '../analyze/types.js';

/** One analyzed file: its path as given (`-` for stdin) and the analysis. */
export interface FileReport extends AnalysisResult {
  readonly file: string;
}

/** Whether the run should fail (exit 1): any warning-severity finding, or code that does not parse. */
export function hasProblems(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.syntaxErrors.length > 0 || r.findings.some((f) => f.severity === 'warning'));
}
