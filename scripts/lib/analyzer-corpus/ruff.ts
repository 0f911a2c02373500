import { PositionEncoding, Workspace, type Diagnostic } from '@astral-sh/ruff-wasm-nodejs';
import { dedent } from '../../../src/analyze/dedent.js';
import type { RuleId } from '../../../src/analyze/rule-citations.js';

/**
 * Ruff rules whose concern overlaps ours, by the kebab-case name Ruff reports, and the rules of ours
 * that cover the same code. `f.read().splitlines()` is Ruff's read-whole-file and our more specific
 * readlines-into-list. PLW0602/PLW0603 (any `global` statement) are left out: a `global` flag or
 * counter costs no memory, and our global-statement only reports globals grown by rebinding.
 */
export const RUFF_EQUIVALENTS: Readonly<Record<string, readonly RuleId[]>> = {
  'open-file-with-context-handler': ['open-without-with'], // SIM115
  'read-whole-file': ['read-whole-file', 'readlines-into-list'], // FURB101
  'readlines-in-for': ['readlines-into-list'], // FURB129
  'unnecessary-comprehension-in-call': ['list-comprehension-in-reducer'], // C419
  'mutable-argument-default': ['mutable-default-argument'], // B006
  'cached-instance-method': ['cache-on-method'], // B019
  'quadratic-list-summation': ['sum-of-lists'], // RUF017
};

/** Our rules that some Ruff rule covers too. */
export const RULES_RUFF_HAS: ReadonlySet<RuleId> = new Set(Object.values(RUFF_EQUIVALENTS).flat());

export const RUFF_SELECT = ['SIM115', 'FURB101', 'FURB129', 'C419', 'B006', 'B019', 'RUF017'];

let workspace: Workspace | undefined;

/** Ruff's diagnostics for a snippet (dedented first: Ruff reports indented code as a syntax error). */
export function ruffCheck(code: string): { name: string; line: number }[] {
  workspace ??= new Workspace({ lint: { select: RUFF_SELECT, preview: true } }, PositionEncoding.Utf16);
  const diagnostics = workspace.check(dedent(code).text) as Diagnostic[];
  return diagnostics.map((d) => ({ name: d.code ?? 'syntax-error', line: d.start_location.row }));
}

export function ruffVersion(): string {
  return Workspace.version();
}
