import type { TipSource } from '../knowledge/types.js';
import type { AnalysisLimits, WorkMeter } from './analysis-budget.js';

/** A position in the pasted code: 0-based line and UTF-16 character offset (LSP style). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open span of the pasted code, `end` exclusive (LSP style). */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** `warning`: a likely memory problem worth fixing; `info`: worth knowing, often fine. */
export type Severity = 'warning' | 'info';

/** A unit of the knowledge as the built index names it (`GET /v1/tips/:id`). */
export interface UnitRef {
  /** A unit id of the built index, e.g. `optimize-string-usage--string-concatenation`. */
  readonly id: string;
  readonly title: string;
  readonly section: string;
}

/**
 * The knowledge unit that explains a finding and its fix: the same unit a plain question about
 * the problem is answered from, so a pasted snippet and a question get one explanation. Its text
 * lives in the knowledge, not in the analyzer (see `explainedBy`).
 */
export interface FindingCitation extends UnitRef {
  /**
   * The guidance tip the unit deepens, so the user's guidance stays reachable from every finding:
   * the tip the unit names with `see:`, or the unit itself when the explanation is written as an
   * `extends:` section of that tip.
   */
  readonly guidance: UnitRef;
  /**
   * The heading of the knowledge section whose `why` explains the finding: the unit's own title,
   * or the title of the section that extends the guidance tip.
   */
  readonly explainedBy: string;
}

/** Replace `range` of the code as given with `newText` (LSP's `TextEdit`). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/**
 * A mechanical rewrite that keeps the program's meaning (initial values, order, index), offered
 * only where the rule could check that it does: apply all its edits together (they never overlap).
 */
export interface Fix {
  /** What the rewrite does, one sentence. */
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/** One memory anti-pattern found in the code. */
export interface Finding {
  /** Stable kebab-case rule id, e.g. `string-concat-in-loop`. */
  readonly rule: string;
  readonly severity: Severity;
  /** One or two sentences on what was found and why it costs memory. */
  readonly message: string;
  readonly range: Range;
  readonly citation: FindingCitation;
  /**
   * Why the pattern costs memory, quoted from the cited unit (its `why`, with the lines it is
   * written on): added by the service from its knowledge (`explainFindings`), absent from the bare
   * analyzer and when that text is not loaded. The message says what was found; this says why.
   */
  readonly explanation?: { readonly text: string; readonly source: TipSource };
  /** A rewrite, when an obvious one exists. */
  readonly suggestion?: string;
  /** The rewrite as edits, when it is mechanical and safe (`pymem analyze --fix`). */
  readonly fix?: Fix;
}

/** A place where the code does not parse as Python. */
export interface SyntaxErrorReport {
  readonly range: Range;
  readonly message: string;
}

/** The `/v1/analyze` response body: findings in source order, then syntax errors in source order. */
export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly syntaxErrors: readonly SyntaxErrorReport[];
  /**
   * Set when the analysis ran under limits (`AnalyzeOptions.limits`, as the service does): whether
   * findings or syntax errors were cut to them (the first ones in source order are kept).
   */
  readonly truncated?: boolean;
}

export interface AnalyzeOptions {
  /** Caps on the results and the work (the service's: `SERVICE_ANALYSIS_LIMITS`); absent, none. */
  readonly limits?: AnalysisLimits | undefined;
  /** Counts the work (and enforces its limit) instead of a meter made from `limits`: for benchmarks and tests. */
  readonly meter?: WorkMeter | undefined;
  /** For the caller's bookkeeping (the CLI reports per file); it does not change what is found. */
  readonly filename?: string;
  /**
   * Also report `info` findings (worth knowing, often fine). Off by default, as in the CLI
   * (`--include-info`) and `/v1/analyze` (`includeInfo`).
   */
  readonly includeInfo?: boolean;
  /**
   * Told when a rule throws (a bug): that rule is dropped from the analysis and the rest still
   * report. Services log it; tests rethrow it.
   */
  readonly onRuleError?: (rule: string, error: unknown) => void;
}
