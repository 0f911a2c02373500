import type { SyntaxNode } from '@lezer/common';
import { calleeName } from '../calls.js';
import type { Rule } from '../rule.js';
import { enclosingLoop } from '../syntax.js';

/** `gc.collect()` called on every iteration of a loop. */
export const gcCollectInLoop: Rule = {
  id: 'gc-collect-in-loop',
  severity: 'warning',
  summary: '`gc.collect()` inside a loop',
  triggers: ['collect'],
  create(ctx) {
    return {
      enter: {
        CallExpression(call) {
          const loop = calleeName(call, ctx.source) === 'gc.collect' ? enclosingLoop(call) : undefined;
          if (!loop) return;
          const periodic = isConditional(call, loop);
          ctx.report({
            node: call,
            severity: periodic ? 'info' : 'warning',
            message: `\`gc.collect()\` runs a full collection ${periodic ? 'again and again inside this loop' : 'on every iteration'}, and it frees only reference cycles: this mostly costs time.`,
            suggestion:
              'Call it once after the loop if at all; if memory grows because of cycles, break them (`weakref`) so reference counting frees the objects.',
          });
        },
      },
    };
  },
};

/** True when an `if` between the call and the loop makes the collection periodic rather than per iteration. */
function isConditional(call: SyntaxNode, loop: SyntaxNode): boolean {
  for (let parent = call.parent; parent && parent.from !== loop.from; parent = parent.parent) {
    if (parent.name === 'IfStatement' || parent.name === 'ConditionalExpression') return true;
  }
  return false;
}
