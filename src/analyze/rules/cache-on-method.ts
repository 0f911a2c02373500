import { cacheDecorator, decoratorNames } from '../cache-decorators.js';
import { parameters } from '../calls.js';
import type { Rule } from '../rule.js';
import { childNamed, definedName, owningClass } from '../syntax.js';

const NOT_INSTANCE_METHODS = new Set(['staticmethod', 'classmethod']);
const ENUM_BASES = /\b(Enum|IntEnum|StrEnum|Flag|IntFlag)\b/;

/**
 * `@lru_cache`/`@cache` on an instance method (Ruff's B019): the cache lives on the class and its keys
 * hold `self`, so instances stay alive until evicted. Enum members (singletons) are exempt.
 */
export const cacheOnMethod: Rule = {
  id: 'cache-on-method',
  severity: 'warning',
  summary: '`@lru_cache`/`@cache` on an instance method keeps `self` alive',
  triggers: ['cache'],
  create(ctx) {
    return {
      enter: {
        FunctionDefinition(def) {
          const cls = owningClass(def);
          if (!cls) return;
          const cache = cacheDecorator(def, ctx.source);
          if (!cache || decoratorNames(def, ctx.source).some((n) => NOT_INSTANCE_METHODS.has(n))) return;
          const bases = childNamed(cls, 'ArgList');
          if (bases && ENUM_BASES.test(ctx.text(bases))) return;
          const self = parameters(def, ctx.source)[0]?.keyword ?? 'self';
          const method = definedName(def, ctx.source) ?? 'method';
          ctx.report({
            node: cache.node,
            from: cache.node.from,
            to: cache.node.from + ctx.text(cache.node).trimEnd().length,
            message: `\`@${cache.name}\` on the method \`${method}\` keeps every \`${self}\` it is called on alive in one class-wide cache until the entry is evicted${cache.unbounded ? ', which an unbounded cache never does' : ''}.`,
            suggestion:
              '`functools.cached_property` for a method without arguments (cached on the instance, freed with it), or move the cached part ' +
              'into a module-level `@lru_cache(maxsize=...)` function of hashable arguments and call it from the method.',
          });
        },
      },
    };
  },
};
