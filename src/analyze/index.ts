export { analyzeSnippet } from './analyze-snippet.js';
export { AnalysisBudgetError, SERVICE_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis-budget.js';
export { RULES } from './rules/index.js';
export { RULE_CITATIONS, type RuleId } from './rule-citations.js';
export type { AnalysisResult, AnalyzeOptions, Finding, FindingCitation, Fix, Position, Range, Severity, SyntaxErrorReport, TextEdit } from './types.js';
