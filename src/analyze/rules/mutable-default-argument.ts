import type { SyntaxNode } from '@lezer/common';
import { parameters } from '../calls.js';
import { containerUse } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { childNamed, dottedName } from '../syntax.js';
import { valueKind } from '../value-kind.js';
import { forEachDescendant } from '../walk.js';

const MUTABLE_FACTORIES = new Set([
  'bytearray',
  'deque',
  'collections.deque',
  'defaultdict',
  'collections.defaultdict',
  'OrderedDict',
  'collections.OrderedDict',
  'Counter',
  'collections.Counter',
]);

/**
 * A list/dict/set default value that accumulates across calls: built once, when `def` runs, shared
 * by every call, and added to by the function itself, returned or yielded to callers (who may add
 * to it), or stored on an object or in a container. A default that is only read, or only passed to
 * other functions, keeps no memory (Ruff's B006 covers it as a style issue) and is not reported.
 */
export const mutableDefaultArgument: Rule = {
  id: 'mutable-default-argument',
  severity: 'warning',
  summary: 'Mutable default argument (`def f(items=[])`)',
  triggers: ['def', 'lambda'],
  create(ctx) {
    const check = (def: SyntaxNode) => {
      for (const param of parameters(def, ctx.source)) {
        if (!param.value || !param.keyword || !isMutable(param.value, ctx.source)) continue;
        const name = param.keyword;
        const value = ctx.text(param.value);
        if (!escapesOrGrows(def, name, ctx)) continue;
        ctx.report({
          node: param.value,
          message: `The default \`${value}\` of \`${name}\` is created once and shared by every call: what this function adds to it (or lets callers add) accumulates across calls.`,
          suggestion:
            value.length <= 40 && !/[\r\n]/.test(value)
              ? `Default to \`None\` and create a fresh one per call: \`${name}=None\`, then \`if ${name} is None: ${name} = ${value}\`.`
              : `Default to \`None\` and create a fresh one per call (\`${name}=None\`, then \`if ${name} is None:\` and build it there).`,
        });
      }
    };
    return { enter: { FunctionDefinition: check, LambdaExpression: check } };
  },
};

function isMutable(value: SyntaxNode, source: string): boolean {
  const kind = valueKind(value, source);
  if (kind === 'list' || kind === 'dict' || kind === 'set') return true;
  return (
    value.name === 'CallExpression' &&
    value.firstChild !== null &&
    MUTABLE_FACTORIES.has(dottedName(value.firstChild, source) ?? '')
  );
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
      if (use === 'grow' || (use === 'store' && keepsIt(node, ctx))) escapes = true;
      if (use === 'rebind') rebound = true;
    }
    return true;
  });
  if (rebound) return false;
  // A lambda body is a bare expression: `lambda acc=[]: acc`.
  if (!escapes && body.name === 'VariableName' && ctx.text(body) === name) escapes = true;
  return escapes;
}

/** Methods that keep what they are given. */
const STORING_METHODS = new Set([
  'append',
  'add',
  'extend',
  'insert',
  'appendleft',
  'setdefault',
  'put',
  'push',
  'register',
]);

/**
 * A "store" use that lets the default outlive the call: returned or yielded, put on an attribute,
 * or kept by a storing method (`registry.append(items)`). Passing it to a function is a read.
 */
function keepsIt(name: SyntaxNode, ctx: RuleContext): boolean {
  const parent = name.parent;
  if (!parent) return false;
  if (parent.name === 'ReturnStatement' || parent.name === 'YieldStatement' || parent.name === 'YieldExpression')
    return true;
  if (parent.name === 'AssignStatement') return true;
  if (parent.name !== 'ArgList' || !parent.parent) return false;
  const callee = parent.parent.firstChild;
  if (callee?.name !== 'MemberExpression' || !callee.lastChild) return false;
  return STORING_METHODS.has(ctx.text(callee.lastChild));
}
