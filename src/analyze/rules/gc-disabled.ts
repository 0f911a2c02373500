import type { SyntaxNode } from '@lezer/common';
import { calleeName } from '../calls.js';
import type { Rule } from '../rule.js';

/** `gc.disable()` with no `gc.enable()` anywhere in the code. */
export const gcDisabled: Rule = {
  id: 'gc-disabled',
  severity: 'warning',
  summary: '`gc.disable()` with no matching `gc.enable()`',
  triggers: ['disable'],
  create(ctx) {
    const disables: SyntaxNode[] = [];
    let enabled = false;
    return {
      enter: {
        CallExpression(call) {
          const name = calleeName(call, ctx.source);
          if (name === 'gc.disable') disables.push(call);
          else if (name === 'gc.enable') enabled = true;
        },
      },
      finish() {
        if (enabled) return;
        for (const call of disables) {
          ctx.report({
            node: call,
            message:
              '`gc.disable()` turns off the cyclic garbage collector and nothing here turns it back on: objects in reference cycles are no longer freed.',
            suggestion:
              'Re-enable it when the critical section ends: `gc.disable()` … `try:` … `finally: gc.enable()`; or raise the thresholds with `gc.set_threshold()` instead of disabling it.',
          });
        }
      },
    };
  },
};
