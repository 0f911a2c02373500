import type { AnalysisResult, Range } from '../../analyze/types.js';

/** Most findings a chat message lists; the rest are counted ("and 4 more"). */
export const MAX_FINDINGS_SHOWN = 20;

/**
 * The 1-based line label of an analyzer range (0-based, end exclusive): `line 3` or `lines 3–5`.
 *
 * @example findingLines({ start: { line: 2, character: 4 }, end: { line: 2, character: 9 } }) // 'line 3'
 */
export function findingLines(range: Range): string {
  const first = range.start.line + 1;
  const endsAtLineStart = range.end.character === 0 && range.end.line > range.start.line;
  const last = Math.max(first, endsAtLineStart ? range.end.line : range.end.line + 1);
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** The heading over an analysis: `2 findings in your code`, or that the code does not parse. */
export function analysisTitle({ findings, syntaxErrors }: AnalysisResult): string {
  if (findings.length === 1) return '1 finding in your code';
  if (findings.length > 1) return `${findings.length} findings in your code`;
  if (syntaxErrors.length > 0) return 'No memory anti-patterns found, but part of your code does not parse';
  return 'No memory anti-patterns found in your code';
}
