import { runRules } from './analyzer.js';
import { dedent } from './dedent.js';
import { parsePython } from './parse.js';
import { RULES } from './rules/index.js';
import { SourceMap } from './source-map.js';
import type { AnalysisResult, AnalyzeOptions } from './types.js';

/**
 * Finds memory anti-patterns in pasted Python, each cited to the guidance tip that explains the fix.
 * Indented code (copied from inside a function) is dedented first; ranges are 0-based LSP positions
 * in the code as given; `info` findings only with `includeInfo`. Broken code still yields what can be found, plus its syntax errors. Pure
 * and synchronous: runs the same on Node and in workerd, and never throws on any string (a rule
 * that fails is dropped and reported to `options.onRuleError`).
 *
 * @example
 * const { findings } = analyzeSnippet('s = ""\nfor w in words:\n    s += w\n');
 * findings[0].rule;              // 'string-concat-in-loop'
 * findings[0].range.start.line;  // 2
 * findings[0].citation.id;       // 'optimize-string-usage--string-concatenation'
 */
export function analyzeSnippet(code: string, options: AnalyzeOptions = {}): AnalysisResult {
  const source = new SourceMap(dedent(code));
  if (source.text.trim().length === 0) return { findings: [], syntaxErrors: [] };
  const { tree, syntaxErrors } = parsePython(source);
  const findings = runRules(tree, source, RULES, options.onRuleError);
  return { findings: options.includeInfo ? findings : findings.filter((f) => f.severity === 'warning'), syntaxErrors };
}
