import type { SyntaxNode } from '@lezer/common';
import { firstCycle, sharedReferenceLinks } from '../reference-links.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';

/**
 * Two objects made to reference each other in one function (or in the module's top-level code):
 * `self.parent = parent` with `parent.children.append(self)`, `a.other = b` with `b.other = a`, or
 * a listener that keeps its bus and subscribes to it. A weak back-reference (`weakref.ref(parent)`)
 * is not a link, so it is not reported; nor are the `prev`/`next` links of a linked list, which are
 * the structure itself. `info`: whether the cycle matters depends on how long the objects live and
 * how many there are, which the code does not say (the cyclic collector does free them).
 */
export const twoWayReference: Rule = {
  id: 'two-way-reference',
  severity: 'info',
  summary: 'Two objects made to reference each other (parent ⇄ child, bus ⇄ listener)',
  // Every reference link has a holder's attribute (`a.x = b`, `a.items.append(b)`): no `.`, no link.
  triggers: ['.'],
  create(ctx) {
    const check = (scope: SyntaxNode) => reportCycle(scope, ctx);
    return { enter: { FunctionDefinition: check, Script: check } };
  },
};

function reportCycle(scope: SyntaxNode, ctx: RuleContext) {
  const cycle = firstCycle(sharedReferenceLinks(scope, ctx));
  if (!cycle || cycle.closing === cycle.opening) return;
  const { opening, closing } = cycle;
  if (isLinkedListPair(opening.node, closing.node, ctx)) return;
  const back = [opening, closing].find((l) => l.node.name === 'AssignStatement');
  const target = back?.node.firstChild;
  const weakened =
    back && target
      ? `\`${ctx.text(target)} = weakref.ref(${back.held})\` (call it to get the object back; it returns \`None\` once that is gone), or \`weakref.proxy(${back.held})\``
      : undefined;
  ctx.report({
    node: closing.node,
    message: `\`${shorten(ctx.text(opening.node))}\` and \`${shorten(ctx.text(closing.node))}\` make \`${opening.holder}\` and \`${opening.held}\` reference each other: a reference cycle, freed only by the cyclic garbage collector.`,
    suggestion: weakened
      ? `Make one direction weak: ${weakened}.`
      : 'Make one direction weak: register `weakref.WeakMethod(obj.method)` instead of the bound method, or keep listeners in a `weakref.WeakSet`.',
  });
}

const LINKED_LIST_PAIRS = new Set([
  'next/prev',
  'prev/next',
  'left/right',
  'right/left',
  'next/previous',
  'previous/next',
]);

/** `a.next = b` with `b.prev = a`: a doubly linked list, where the two-way link is the data structure. */
function isLinkedListPair(a: SyntaxNode, b: SyntaxNode, ctx: RuleContext): boolean {
  const attribute = (statement: SyntaxNode) => {
    const target = statement.name === 'AssignStatement' ? statement.firstChild : null;
    return target?.name === 'MemberExpression' && target.lastChild?.name === 'PropertyName'
      ? ctx.text(target.lastChild)
      : undefined;
  };
  const x = attribute(a);
  const y = attribute(b);
  return x !== undefined && y !== undefined && LINKED_LIST_PAIRS.has(`${x}/${y}`);
}
