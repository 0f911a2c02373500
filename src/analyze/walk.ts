import type { SyntaxNode } from '@lezer/common';
import { chargeWork } from './analysis-budget.js';
import type { RuleContext } from './rule.js';

/**
 * Walks a subtree depth-first, in document order (iteratively, so deep nesting cannot overflow the
 * stack). Return `false` to skip a node's children. Each node is charged to the analysis' work meter.
 */
// `void`: a visitor with a statement body returns nothing, and only `false` (skip the children) matters.
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
export function forEachDescendant(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const cursor = node.cursor();
  if (!cursor.firstChild()) return;
  let depth = 1;
  for (;;) {
    chargeWork(1);
    if (visit(cursor.node) !== false && cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      cursor.parent();
      if (--depth === 0) return;
    }
  }
}

/**
 * Like {@link forEachDescendant} but driven by node names, so only the nodes asked for are
 * materialized: `visit` runs for nodes named in `names`, and the children of nodes named in `skip`
 * are not entered. The cheap way to scan a large subtree.
 */
export function forEachNamed(
  node: SyntaxNode,
  names: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  visit: (n: SyntaxNode) => void,
): void {
  const cursor = node.cursor();
  if (!cursor.firstChild()) return;
  let depth = 1;
  for (;;) {
    chargeWork(1);
    const name = cursor.name;
    if (names.has(name)) visit(cursor.node);
    if (!skip.has(name) && cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      cursor.parent();
      if (--depth === 0) return;
    }
  }
}

const VARIABLE_NAME: ReadonlySet<string> = new Set(['VariableName']);

/**
 * Every `VariableName` in a subtree, grouped by name, in document order, without entering the
 * nodes named in `skip` (nested definitions). Computed once per subtree and analysis
 * (`ctx.shared`): rules that look for the later uses of an assigned name would otherwise walk the
 * scope once per assignment, quadratic on a long module.
 */
export function nameOccurrences(
  scope: SyntaxNode,
  skip: ReadonlySet<string>,
  ctx: Pick<RuleContext, 'shared' | 'text'>,
): ReadonlyMap<string, readonly SyntaxNode[]> {
  return ctx.shared(`names:${[...skip].join(',')}:${scope.name}:${scope.from}:${scope.to}`, () => {
    const byName = new Map<string, SyntaxNode[]>();
    forEachNamed(scope, VARIABLE_NAME, skip, (node) => {
      const name = ctx.text(node);
      const nodes = byName.get(name);
      if (nodes) nodes.push(node);
      else byName.set(name, [node]);
    });
    return byName;
  });
}

/** The index of the first of `nodes` (in document order) that starts after `offset`; `nodes.length` if none. */
export function firstAfter(nodes: readonly SyntaxNode[], offset: number): number {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((nodes[mid] as SyntaxNode).from > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}
