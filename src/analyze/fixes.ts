import type { SyntaxNode } from '@lezer/common';
import { scopeOf } from './bindings.js';
import { parameters } from './calls.js';
import { assignmentTargets, childNamed, NESTED_SCOPES } from './syntax.js';
import { forEachDescendant } from './walk.js';

/** Building blocks of structured fixes: where statements start and end, their indentation, fresh names. */

/** The indentation of the line a node starts on. */
export function lineIndent(node: SyntaxNode, source: string): string {
  let start = node.from;
  while (start > 0 && source[start - 1] !== '\n' && source[start - 1] !== '\r') start--;
  return /^[ \t]*/.exec(source.slice(start, node.from))?.[0] ?? '';
}

/** True when a statement starts its own line (nothing but indentation before it): edits can insert lines around it. */
export function startsLine(node: SyntaxNode, source: string): boolean {
  let i = node.from;
  while (i > 0 && (source[i - 1] === ' ' || source[i - 1] === '\t')) i--;
  return i === 0 || source[i - 1] === '\n' || source[i - 1] === '\r';
}

/** The offset just past a statement's last code character (before its line break). */
export function statementEnd(node: SyntaxNode, source: string): number {
  return node.from + source.slice(node.from, node.to).trimEnd().length;
}

/** Edits that insert a line before a statement and one after it, at the statement's indentation. */
export function surround(statement: SyntaxNode, source: string, before: string, after: string) {
  const indent = lineIndent(statement, source);
  const end = statementEnd(statement, source);
  return [
    { from: statement.from, to: statement.from, text: `${before}\n${indent}` },
    { from: end, to: end, text: `\n${indent}${after}` },
  ];
}

/** A name not used anywhere in the source: `base`, else `base_2`, `base_3`... */
export function freshName(base: string, source: string): string {
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(source);
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * True when `name` is a plain local of the scope `at` runs in, bound before `before`: a parameter
 * or an assignment earlier in the scope; not declared `global`/`nonlocal`, and not used by a
 * function, lambda or class nested in the scope (which could read it while the loop runs).
 */
export function isLocalBoundBefore(name: string, at: SyntaxNode, before: number, source: string): boolean {
  const scope = scopeOf(at);
  const body = scope.name === 'Script' ? scope : childNamed(scope, 'Body');
  if (!body) return false;
  let bound = scope.name !== 'Script' && parameters(scope, source).some((p) => p.keyword === name && !p.star);
  let shared = false;
  forEachDescendant(body, (node) => {
    if (shared) return false;
    if (NESTED_SCOPES.has(node.name)) {
      if (new RegExp(`\\b${name}\\b`).test(source.slice(node.from, node.to))) shared = true;
      return false;
    }
    if (node.name === 'ScopeStatement' && new RegExp(`\\b${name}\\b`).test(source.slice(node.from, node.to)))
      shared = true;
    if (node.name === 'AssignStatement' && node.to <= before) {
      if (assignmentTargets(node).some((t) => t.name === 'VariableName' && source.slice(t.from, t.to) === name))
        bound = true;
    }
    return true;
  });
  return bound && !shared;
}

/** True when a node sits inside a `try` statement of its own scope (an exception could leave a half-done rewrite visible). */
export function insideTry(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (NESTED_SCOPES.has(parent.name)) return false;
    if (parent.name === 'TryStatement') return true;
  }
  return false;
}
