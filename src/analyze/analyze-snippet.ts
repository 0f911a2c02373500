import { WorkMeter, withWorkMeter } from './analysis-budget.js';
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
 * that fails is dropped and reported to `options.onRuleError`), except that with `options.limits`
 * an input too costly to analyze throws `AnalysisBudgetError`; the results are then capped, with
 * `truncated` saying whether anything was cut.
 *
 * @example
 * const { findings } = analyzeSnippet('s = ""\nfor w in words:\n    s += w\n');
 * findings[0].rule;              // 'string-concat-in-loop'
 * findings[0].range.start.line;  // 2
 * findings[0].citation.id;       // 'optimize-string-usage--string-concatenation'
 */
export function analyzeSnippet(code: string, options: AnalyzeOptions = {}): AnalysisResult {
  const { limits } = options;
  const meter = options.meter ?? (limits && new WorkMeter(limits.workUnits));
  const result = withWorkMeter(meter, (): AnalysisResult => {
    const source = new SourceMap(dedent(code));
    if (source.text.trim().length === 0) return { findings: [], syntaxErrors: [] };
    const { tree, syntaxErrors } = parsePython(source);
    if (meter) meter.phase = 'rules';
    const findings = runRules(tree, source, RULES, options.onRuleError);
    return {
      findings: options.includeInfo ? findings : findings.filter((f) => f.severity === 'warning'),
      syntaxErrors,
    };
  });
  if (!limits) return result;
  const truncated = result.findings.length > limits.maxFindings || result.syntaxErrors.length > limits.maxSyntaxErrors;
  return {
    findings: result.findings.slice(0, limits.maxFindings),
    syntaxErrors: result.syntaxErrors.slice(0, limits.maxSyntaxErrors),
    truncated,
  };
}
