import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import type { RuleId } from '../../src/analyze/rule-citations.js';
import type { Finding } from '../../src/analyze/types.js';

/**
 * Python from a template literal: drops the first line break and the indentation the test source
 * adds, so line 1 of the snippet is the first line written.
 */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw(strings, ...values)
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n');
  const indents = raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return raw
    .split('\n')
    .map((l) => l.slice(common))
    .join('\n');
}

/** The findings of one rule. */
export function findingsOf(code: string, rule: RuleId): Finding[] {
  return analyzeSnippet(code, { includeInfo: true }).findings.filter((f) => f.rule === rule);
}

/** 1-based start lines of one rule's findings, as an editor shows them. */
export function linesOf(code: string, rule: RuleId): number[] {
  return findingsOf(code, rule).map((f) => f.range.start.line + 1);
}
