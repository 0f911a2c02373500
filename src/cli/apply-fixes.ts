import type { Finding, Position, TextEdit } from '../analyze/types.js';

/** The code with the findings' fixes applied, and which findings they fixed. */
export interface FixedCode {
  readonly code: string;
  readonly fixed: readonly Finding[];
  /** The edits applied, as offsets in the original code, sorted. */
  readonly edits: readonly OffsetEdit[];
}

export interface OffsetEdit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * Applies every finding's fix whose edits do not overlap an edit already taken (in source order,
 * all edits of one fix or none), the way `ruff --fix` applies one pass of non-conflicting fixes.
 *
 * @example applyFixes(code, analyzeSnippet(code).findings).code
 */
export function applyFixes(code: string, findings: readonly Finding[]): FixedCode {
  const lineStarts = lineStartOffsets(code);
  const offset = (p: Position) => Math.min(code.length, (lineStarts[p.line] ?? code.length) + p.character);
  const taken: OffsetEdit[] = [];
  const fixed: Finding[] = [];
  for (const finding of findings) {
    if (!finding.fix) continue;
    const edits = finding.fix.edits.map((e: TextEdit) => ({
      from: offset(e.range.start),
      to: offset(e.range.end),
      text: e.newText,
    }));
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
    fixed.push(finding);
  }
  taken.sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let at = 0;
  for (const edit of taken) {
    out += code.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  return { code: out + code.slice(at), fixed, edits: taken };
}

/** Two edits conflict when their spans intersect, or both insert at the same point. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.from === a.to && b.from === b.to) return a.from === b.from;
  return a.from < b.to && b.from < a.to;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

const CONTEXT = 3;

/**
 * A unified diff (`--- a/file`, `+++ b/file`, `@@` hunks with 3 lines of context) between `before`
 * and `after`, made from a line-level comparison, as `git diff` and `ruff --diff` print it.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    // Find the next change.
    while (i < ops.length && ops[i]?.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend over changes separated by at most 2 × CONTEXT unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]?.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]?.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + CONTEXT);
    const slice = ops.slice(start, stop);
    const oldStart = slice[0]?.oldLine ?? 0;
    const newStart = slice[0]?.newLine ?? 0;
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    hunks.push(
      `@@ -${oldStart + 1},${oldCount} +${newStart + 1},${newCount} @@\n${slice.map((o) => `${o.kind}${o.text}\n`).join('')}`,
    );
    i = stop;
  }
  const name = file.replace(/\\/g, '/');
  return `--- a/${name}\n+++ b/${name}\n${hunks.join('')}`;
}

interface DiffOp {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
  /** Index of the line in `before` this op is at (for `+`, the line it goes before). */
  readonly oldLine: number;
  readonly newLine: number;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line diff: common prefix and suffix trimmed, then an LCS table over the middle (fixes change a few lines). */
function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const ops: DiffOp[] = [];
  for (let k = 0; k < prefix; k++) ops.push({ kind: ' ', text: a[k] ?? '', oldLine: k, newLine: k });
  // lcs[i][j]: length of the LCS of midA[i..] and midB[j..].
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--)
      row[j] = midA[i] === midB[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: ' ', text: midA[i] ?? '', oldLine: prefix + i, newLine: prefix + j });
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      ops.push({ kind: '-', text: midA[i] ?? '', oldLine: prefix + i, newLine: prefix + j });
      i++;
    } else {
      ops.push({ kind: '+', text: midB[j] ?? '', oldLine: prefix + i, newLine: prefix + j });
      j++;
    }
  }
  for (let k = 0; k < suffix; k++) {
    ops.push({
      kind: ' ',
      text: a[a.length - suffix + k] ?? '',
      oldLine: a.length - suffix + k,
      newLine: b.length - suffix + k,
    });
  }
  return ops;
}
