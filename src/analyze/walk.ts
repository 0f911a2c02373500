import type { SyntaxNode } from '@lezer/common';
import { chargeWork } from './analysis-budget.js';

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
