import type { FileReport } from './file-report.js';

/**
 * `file:line:col rule message [tip-id]`, one line per finding (1-based line and column, the form
 * editors and CI problem matchers parse), syntax errors as rule `syntax-error`.
 *
 * @example formatText(reports) // 'app.py:3:5 string-concat-in-loop `s` is a string … [optimize-string-usage--string-concatenation]\n'
 */
export function formatText(reports: readonly FileReport[], options: { suggestions?: boolean } = {}): string {
  const lines: string[] = [];
  for (const report of reports) {
    const entries = [
      ...report.findings.map((f) => ({
        at: f.range.start,
        text: `${f.rule} ${f.message} [${f.citation.id}]`,
        suggestion: f.suggestion,
      })),
      ...report.syntaxErrors.map((e) => ({
        at: e.range.start,
        text: `syntax-error ${e.message}`,
        suggestion: undefined,
      })),
    ].sort((a, b) => a.at.line - b.at.line || a.at.character - b.at.character);
    for (const entry of entries) {
      lines.push(`${report.file}:${entry.at.line + 1}:${entry.at.character + 1} ${entry.text}`);
      if (options.suggestions && entry.suggestion) lines.push(`    fix: ${entry.suggestion}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * The closing line, for stderr: `3 findings (2 warnings, 1 info), 0 syntax errors in 2 files`, and
 * how many info findings `--include-info` would add.
 */
export function formatSummary(reports: readonly FileReport[], options: { hiddenInfo?: number } = {}): string {
  const findings = reports.flatMap((r) => r.findings);
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const syntaxErrors = reports.reduce((n, r) => n + r.syntaxErrors.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(findings.length, 'finding')} (${plural(warnings, 'warning')}, ${findings.length - warnings} info), ` +
    `${plural(syntaxErrors, 'syntax error')} in ${plural(reports.length, 'file')}` +
    `${options.hiddenInfo ? `; ${options.hiddenInfo} info not shown (--include-info)` : ''}\n`
  );
}
