import { callArguments, calleeName } from '../calls.js';
import type { Rule } from '../rule.js';
import { shorten } from '../shorten.js';

/** Builtins that consume an iterable one item at a time and keep none of it. */
const REDUCERS = new Set(['sum', 'any', 'all', 'max', 'min']);

/**
 * `sum([x * x for x in xs])` and the like: the list exists only to be reduced (also a set
 * comprehension given to `any`/`all`/`max`/`min`, like Ruff's C419). Never flags `str.join`, which
 * turns any argument into a list first anyway.
 */
export const listComprehensionInReducer: Rule = {
  id: 'list-comprehension-in-reducer',
  severity: 'warning',
  summary: 'List (or set) comprehension passed straight to `sum`/`any`/`all`/`max`/`min`',
  create(ctx) {
    return {
      enter: {
        CallExpression(call) {
          const fn = calleeName(call, ctx.source);
          if (fn === undefined || !REDUCERS.has(fn)) return;
          const { args } = callArguments(call, ctx.source);
          const first = args[0];
          if (!first?.value || first.keyword || first.star) return;
          const comprehension = first.value;
          const isList = comprehension.name === 'ArrayComprehensionExpression';
          // A set comprehension drops duplicates, which changes a sum but not any/all/max/min.
          const isSet = comprehension.name === 'SetComprehensionExpression' && fn !== 'sum';
          if (!isList && !isSet) return;
          const inner = ctx.text(comprehension).slice(1, -1).trim();
          const generator = args.length === 1 ? `${fn}(${inner})` : `${fn}((${inner}), …)`;
          const shortCircuit = fn === 'any' || fn === 'all';
          ctx.report({
            node: comprehension,
            message:
              `\`${fn}()\` is given a ${isList ? 'list' : 'set'} comprehension: the whole ${isList ? 'list' : 'set'} is built in memory before \`${fn}\` reads the first item` +
              (shortCircuit ? `, and every item is computed even when \`${fn}\` could stop at the first decisive one.` : '.'),
            suggestion: `Drop the brackets so a generator feeds it one item at a time: \`${shorten(generator, 60)}\`.`,
          });
        },
      },
    };
  },
};
