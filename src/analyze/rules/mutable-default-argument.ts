import type { SyntaxNode } from '@lezer/common';
import { parameters } from '../calls.js';
import { containerUse } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { childNamed, dottedName } from '../syntax.js';
import { valueKind } from '../value-kind.js';
import { forEachDescendant } from '../walk.js';

const MUTABLE_FACTORIES = new Set([
  'bytearray', 'deque', 'collections.deque', 'defaultdict', 'collections.defaultdict', 'OrderedDict',
  'collections.OrderedDict', 'Counter', 'collections.Counter',
]);

/**
 * A list/dict/set default value (Ruff's B006). The default is built once, when `def` runs, and
 * shared by every call: a warning when the function adds to it, hands it out or stores it (so it
 * accumulates), an `info` when it is only read.
 */
export const mutableDefaultArgument: Rule = {
  id: 'mutable-default-argument',
  severity: 'warning',
  summary: 'Mutable default argument (`def f(items=[])`)',
  create(ctx) {
    const check = (def: SyntaxNode) => {
      for (const param of parameters(def, ctx.source)) {
        if (!param.value || !param.keyword || !isMutable(param.value, ctx.source)) continue;
        const name = param.keyword;
        const value = ctx.text(param.value);
        const accumulates = escapesOrGrows(def, name, ctx);
        ctx.report({
          node: param.value,
          severity: accumulates ? 'warning' : 'info',
          message: accumulates
            ? `The default \`${value}\` of \`${name}\` is created once, when the \`def\` runs, and shared by every call: what this function adds to it (or lets callers add) accumulates across calls and stays alive as long as the function does.`
            : `The default \`${value}\` of \`${name}\` is created once and shared by every call; it is only read today, but any later mutation would accumulate across calls.`,
          suggestion: `Default to \`None\` and create a fresh one per call: \`${name}=None\`, then \`if ${name} is None: ${name} = ${freshValue(value)}\`.`,
        });
      }
    };
    return { enter: { FunctionDefinition: check, LambdaExpression: check } };
  },
};

function isMutable(value: SyntaxNode, source: string): boolean {
  const kind = valueKind(value, source);
  if (kind === 'list' || kind === 'dict' || kind === 'set') return true;
  return value.name === 'CallExpression' && value.firstChild !== null && MUTABLE_FACTORIES.has(dottedName(value.firstChild, source) ?? '');
}

/** True when the body grows the parameter, returns/yields it, stores it or passes it on. */
function escapesOrGrows(def: SyntaxNode, name: string, ctx: RuleContext): boolean {
  const body = childNamed(def, 'Body') ?? def.lastChild;
  if (!body) return false;
  let escapes = false;
  let rebound = false;
  forEachDescendant(body, (node) => {
    if (node.name === 'VariableName' && ctx.text(node) === name) {
      const use = containerUse(node, ctx.source);
      if (use === 'grow' || use === 'store') escapes = true;
      if (use === 'rebind') rebound = true;
    }
    return true;
  });
  if (rebound) return false;
  // A lambda body is a bare expression: `lambda acc=[]: acc`.
  if (!escapes && body.name === 'VariableName' && ctx.text(body) === name) escapes = true;
  return escapes;
}

function freshValue(value: string): string {
  return value.length <= 30 ? value : '...';
}
