import type { SyntaxNode } from '@lezer/common';
import type { RuleId } from './rule-citations.js';
import type { Severity } from './types.js';
import type { ValueKind } from './value-kind.js';

/** What a rule reports; the analyzer adds the rule id, the citation and the LSP range. */
export interface Report {
  /** The syntax node to underline; `from`/`to` narrow or replace it. */
  readonly node?: SyntaxNode;
  readonly from?: number;
  readonly to?: number;
  readonly message: string;
  readonly suggestion?: string;
  /** Overrides the rule's default severity for this finding. */
  readonly severity?: Severity;
  /** A safe mechanical rewrite, as edits of the (dedented) source the rule saw. */
  readonly fix?: ReportFix;
}

/** Edits in offsets of the source the rule saw; the analyzer maps them to the code as given. */
export interface ReportFix {
  readonly description: string;
  /** Replace `[from, to)` with `text`; lines after the first line break of `text` start at column 0 of that source. */
  readonly edits: readonly { readonly from: number; readonly to: number; readonly text: string }[];
}

/** What a rule sees while the analyzer walks the tree once. */
export interface RuleContext {
  /** The (dedented) code the tree was parsed from. */
  readonly source: string;
  /** The source text of a node. */
  text(node: SyntaxNode): string;
  report(report: Report): void;
  /** Kinds of value `name` is assigned in the function (or module) that `at` runs in. */
  kindsOf(name: string, at: SyntaxNode): ReadonlySet<ValueKind>;
  /** A value computed once per analysis and shared by the rules that ask with the same key. */
  shared<T>(key: string, compute: () => T): T;
}

export type NodeVisitor = (node: SyntaxNode) => void;

/**
 * Callbacks of one rule for one analysis: `enter` handlers keyed by lezer node name run in
 * document order during the single walk; `finish` runs after it, for rules that need the whole file.
 */
export interface RuleVisitors {
  readonly enter: Readonly<Partial<Record<string, NodeVisitor>>>;
  readonly finish?: () => void;
}

/**
 * One memory anti-pattern. `create` is called once per analysis, so per-file state lives in its
 * closure.
 *
 * @example
 * export const gcDisabled: Rule = {
 *   id: 'gc-disabled', severity: 'warning', summary: '`gc.disable()` with no `gc.enable()`',
 *   create: (ctx) => ({ enter: { CallExpression: (call) => { ... ctx.report({ node: call, message }) } } }),
 * };
 */
export interface Rule {
  readonly id: RuleId;
  readonly severity: Severity;
  /** One line for rule tables (README, SARIF `shortDescription`). */
  readonly summary: string;
  /**
   * Text that code must contain for the rule to find anything (`'getsizeof'`): without any of
   * these, the rule is not run at all. A cheap skip for rules about one API.
   */
  readonly triggers?: readonly string[];
  create(ctx: RuleContext): RuleVisitors;
}
