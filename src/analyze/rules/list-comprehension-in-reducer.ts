import type { SyntaxNode } from '@lezer/common';
import { isSmallIterable } from '../accumulators.js';
import { callArguments, calleeName } from '../calls.js';
import type { Rule, RuleContext } from '../rule.js';
import { forEachDescendant } from '../walk.js';

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
  triggers: ['sum', 'any', 'all', 'max', 'min'],
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
          if (iteratesSmallLiteral(comprehension, ctx)) return;
          const inner = ctx.text(comprehension).slice(1, -1).trim();
          const generator = args.length === 1 ? `${fn}(${inner})` : `${fn}((${inner}), …)`;
          const shortCircuit = fn === 'any' || fn === 'all';
          ctx.report({
            node: comprehension,
            message:
              `\`${fn}()\` is given a ${isList ? 'list' : 'set'} comprehension: the whole ${isList ? 'list' : 'set'} is built in memory before \`${fn}\` reads the first item` +
              (shortCircuit
                ? `, and every item is computed even when \`${fn}\` could stop at the first decisive one.`
                : '.'),
            suggestion:
              generator.length <= 70 && !/[\r\n]/.test(generator)
                ? `Drop the brackets so a generator feeds it one item at a time: \`${generator}\`.`
                : `Drop the brackets so a generator feeds it one item at a time (\`${fn}(x for x in ...)\`).`,
            ...(canRewrite(comprehension, shortCircuit) && {
              fix: {
                description: `Pass a generator expression to \`${fn}()\` instead of a ${isList ? 'list' : 'set'} comprehension.`,
                edits:
                  args.length === 1
                    ? [
                        { from: comprehension.from, to: comprehension.from + 1, text: '' },
                        { from: comprehension.to - 1, to: comprehension.to, text: '' },
                      ]
                    : [
                        { from: comprehension.from, to: comprehension.from + 1, text: '(' },
                        { from: comprehension.to - 1, to: comprehension.to, text: ')' },
                      ],
              },
            }),
          });
        },
      },
    };
  },
};

/** `any([p >= 1 for p in [p1, p2]])`: over a literal of a few items the list costs nothing. */
function iteratesSmallLiteral(comprehension: SyntaxNode, ctx: RuleContext): boolean {
  for (let child = comprehension.firstChild; child; child = child.nextSibling) {
    if (child.name === 'in' && child.nextSibling) return isSmallIterable(child.nextSibling, ctx.source);
  }
  return false;
}

/**
 * A set comprehension drops duplicates (fine for any/all/max/min, which the rule only reports); a
 * generator evaluates lazily, so for `any`/`all`, which stop early, the rewrite is offered only when
 * the comprehension calls nothing (no side effect is skipped).
 */
function canRewrite(comprehension: SyntaxNode, shortCircuit: boolean): boolean {
  if (!shortCircuit) return true;
  let calls = false;
  forEachDescendant(comprehension, (n) => {
    if (n.name === 'CallExpression') calls = true;
    return !calls;
  });
  return !calls;
}
