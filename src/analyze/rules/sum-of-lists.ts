import { callArguments, calleeName, keywordArgument, positionalArguments } from '../calls.js';
import type { Rule } from '../rule.js';
import { valueKind } from '../value-kind.js';

/** `sum(lists, [])`: list `+` at every step copies everything accumulated so far. */
export const sumOfLists: Rule = {
  id: 'sum-of-lists',
  severity: 'warning',
  summary: '`sum(lists, [])` flattening lists by repeated concatenation',
  triggers: ['sum'],
  create(ctx) {
    return {
      enter: {
        CallExpression(call) {
          if (calleeName(call, ctx.source) !== 'sum') return;
          const args = callArguments(call, ctx.source);
          const start = positionalArguments(args)[1] ?? keywordArgument(args, 'start');
          const kind = start ? valueKind(start, ctx.source) : undefined;
          if (kind !== 'list' && kind !== 'tuple') return;
          const [items] = positionalArguments(args);
          const name = items ? ctx.text(items) : 'lists';
          ctx.report({
            node: call,
            message: `\`sum(..., ${start ? ctx.text(start) : '[]'})\` concatenates with \`+\`, building a new ${kind} and copying everything accumulated so far at each step.`,
            suggestion: `Flatten lazily with \`itertools.chain.from_iterable(${name.length <= 40 ? name : '…'})\` (wrap in \`${kind}(...)\` only if you need one), or \`[x for sub in ${name.length <= 40 ? name : '…'} for x in sub]\`.`,
          });
        },
      },
    };
  },
};
