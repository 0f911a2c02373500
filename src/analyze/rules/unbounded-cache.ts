import { cacheDecorator, decoratorNames } from '../cache-decorators.js';
import { parameters } from '../calls.js';
import type { Rule } from '../rule.js';
import { definedName, owningClass } from '../syntax.js';

/**
 * `@cache` / `@lru_cache(maxsize=None)` on a function that takes arguments: one entry per distinct
 * call, kept forever. Instance methods are reported by `cache-on-method` instead; argument-less
 * functions (a single entry) are fine.
 */
export const unboundedCache: Rule = {
  id: 'unbounded-cache',
  severity: 'info',
  summary: '`@cache` / `@lru_cache(maxsize=None)` growing without bound',
  triggers: ['cache'],
  create(ctx) {
    return {
      enter: {
        FunctionDefinition(def) {
          const cache = cacheDecorator(def, ctx.source);
          if (!cache?.unbounded) return;
          const names = decoratorNames(def, ctx.source);
          const isStatic = names.includes('staticmethod');
          const isClassMethod = names.includes('classmethod');
          if (owningClass(def) && !isStatic && !isClassMethod) return;
          const params = parameters(def, ctx.source).slice(isClassMethod ? 1 : 0);
          if (params.length === 0) return;
          const fn = definedName(def, ctx.source) ?? 'function';
          ctx.report({
            node: cache.node,
            from: cache.node.from,
            to: cache.node.from + ctx.text(cache.node).trimEnd().length,
            message: `\`@${cache.name}${cache.name.endsWith('lru_cache') ? '(maxsize=None)' : ''}\` on \`${fn}\` keeps every distinct argument combination and its result for the life of the process.`,
            suggestion: `Bound it: \`@functools.lru_cache(maxsize=1024)\` (size it to your working set), or clear it with \`${fn}.cache_clear()\` when a batch is done.`,
          });
        },
      },
    };
  },
};
