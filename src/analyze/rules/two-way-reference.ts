import type { SyntaxNode } from '@lezer/common';
import { firstCycle, sharedReferenceLinks } from '../reference-links.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';

/**
 * Two objects made to reference each other in one function (or in the module's top-level code):
 * `self.parent = parent` with `parent.children.append(self)`, `a.other = b` with `b.other = a`, or
 * a listener that keeps its bus and subscribes to it. A weak back-reference (`weakref.ref(parent)`)
 * is not a link, so it is not reported.
 */
export const twoWayReference: Rule = {
  id: 'two-way-reference',
  severity: 'warning',
  summary: 'Two objects made to reference each other (parent ⇄ child, bus ⇄ listener)',
  create(ctx) {
    const check = (scope: SyntaxNode) => reportCycle(scope, ctx);
    return { enter: { FunctionDefinition: check, Script: check } };
  },
};

function reportCycle(scope: SyntaxNode, ctx: RuleContext) {
  const cycle = firstCycle(sharedReferenceLinks(scope, ctx));
  if (!cycle || cycle.closing === cycle.opening) return;
  const { opening, closing } = cycle;
  const back = [opening, closing].find((l) => l.node.name === 'AssignStatement');
  const target = back?.node.firstChild;
  const weakened =
    back && target
      ? `\`${ctx.text(target)} = weakref.ref(${back.held})\` (call it to get the object back; it returns \`None\` once that is gone), or \`weakref.proxy(${back.held})\``
      : undefined;
  ctx.report({
    node: closing.node,
    message:
      `\`${shorten(ctx.text(opening.node))}\` and \`${shorten(ctx.text(closing.node))}\` make \`${opening.holder}\` and \`${opening.held}\` reference each other: ` +
      'a reference cycle, so neither (nor anything they reference) is freed when you drop them; they wait for the cyclic garbage collector.',
    suggestion: weakened
      ? `Make one direction weak: ${weakened}.`
      : 'Make one direction weak: register `weakref.WeakMethod(obj.method)` instead of the bound method, or keep listeners in a `weakref.WeakSet`.',
  });
}
