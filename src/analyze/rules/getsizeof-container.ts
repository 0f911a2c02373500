import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, positionalArguments } from '../calls.js';
import type { Rule, RuleContext } from '../rule.js';
import { definedName, dottedName, enclosingFunction } from '../syntax.js';
import { valueKind } from '../value-kind.js';
import { forEachDescendant } from '../walk.js';

const SCALAR_NODES = new Set(['Number', 'String', 'ContinuedString', 'FormatString', 'Boolean', 'None']);
const SCALAR_KINDS = new Set(['number', 'str', 'bytes']);
const CONTAINER_KINDS = new Set(['list', 'dict', 'set', 'tuple']);
const COMPREHENSIONS = new Set([
  'ComprehensionExpression',
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
]);

/**
 * `sys.getsizeof(x)` read as "memory used": it is shallow. Scalars (numbers, strings) are exact, so
 * they are left alone, as are hand-written deep-size helpers (recursive or summing over items).
 */
export const getsizeofContainer: Rule = {
  id: 'getsizeof-container',
  severity: 'info',
  summary: '`sys.getsizeof()` used to measure a container or object (it is shallow)',
  triggers: ['getsizeof'],
  create(ctx) {
    return {
      enter: {
        CallExpression(call) {
          const name = calleeName(call, ctx.source);
          if (name !== 'sys.getsizeof' && name !== 'getsizeof') return;
          const [measured] = positionalArguments(callArguments(call, ctx.source));
          if (!measured || isScalar(measured, ctx) || isDeepSizeHelper(call, ctx)) return;
          const kind = valueKind(measured, ctx.source);
          const shown = ctx.text(measured).length <= 30 ? `\`${ctx.text(measured)}\`` : 'the object';
          ctx.report({
            node: call,
            message: CONTAINER_KINDS.has(kind)
              ? `\`getsizeof\` measures only the ${kind} ${shown} itself, not the objects it holds.`
              : `\`getsizeof\` is shallow: it counts ${shown} itself, not the objects it references.`,
            suggestion:
              "Measure allocations instead: `tracemalloc.start()`, build the data, then `current, peak = tracemalloc.get_traced_memory()`; or `memory_profiler`'s `@profile` for line-by-line usage.",
          });
        },
      },
    };
  },
};

function isScalar(node: SyntaxNode, ctx: RuleContext): boolean {
  if (SCALAR_NODES.has(node.name)) return true;
  const kind = valueKind(node, ctx.source);
  if (SCALAR_KINDS.has(kind)) return true;
  if (node.name !== 'VariableName') return false;
  const kinds = ctx.kindsOf(ctx.text(node), node);
  return kinds.size > 0 && [...kinds].every((k) => SCALAR_KINDS.has(k));
}

/** Inside a comprehension (`sum(getsizeof(x) for x in data)`) or a recursive function: a deliberate deep-size walk. */
function isDeepSizeHelper(call: SyntaxNode, ctx: RuleContext): boolean {
  for (let parent = call.parent; parent && parent.name !== 'FunctionDefinition'; parent = parent.parent) {
    if (COMPREHENSIONS.has(parent.name)) return true;
    if (parent.name === 'ArgList' && parent.firstChild?.nextSibling && parent.getChild('for')) return true;
  }
  const fn = enclosingFunction(call);
  const fnName = fn ? definedName(fn, ctx.source) : undefined;
  if (!fn || !fnName) return false;
  let recursive = false;
  forEachDescendant(fn, (node) => {
    if (recursive) return false;
    if (node.name === 'CallExpression' && node.firstChild && dottedName(node.firstChild, ctx.source) === fnName)
      recursive = true;
    return true;
  });
  return recursive;
}
