import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall, positionalArguments } from '../calls.js';
import { READ_ONLY_FUNCTIONS, READ_ONLY_METHODS } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { childNamed, dottedName } from '../syntax.js';
import { forEachDescendant } from '../walk.js';

/**
 * `for x in list(...)` (and `for x in [comprehension]`) when the copy is only iterated once: the
 * loop does not change what it copies, so the list is pure overhead. A copy is left alone when the
 * loop could change the source: it mutates it, calls anything but read-only builtins (which might
 * reach it), or yields (the caller runs in between). A comprehension that calls functions is left
 * alone too: a generator would interleave those calls with the loop body. `list(combinations(...))`
 * and the like are always reported: itertools copies its input already.
 */
export const iterateOverListCopy: Rule = {
  id: 'iterate-over-list-copy',
  severity: 'info',
  summary: '`for x in list(...)` / `for x in [...]` building a list that is iterated once',
  triggers: ['for'],
  create(ctx) {
    return {
      enter: {
        ForStatement(loop) {
          const iterable = loopIterable(loop);
          if (!iterable) return;
          const body = childNamed(loop, 'Body');
          if (iterable.name === 'ArrayComprehensionExpression') {
            if (callsAnything(iterable, ctx)) return;
            const inner = ctx.text(iterable).slice(1, -1).trim();
            ctx.report({
              node: iterable,
              message:
                'The loop iterates a list comprehension, so every item is built and held in memory before the first iteration.',
              suggestion: `Iterate a generator expression instead: \`for … in (${shorten(inner, 50)}):\`.`,
            });
            return;
          }
          const copied = listCopyArgument(iterable, ctx);
          if (!copied || copied.name === 'ArrayComprehensionExpression') return;
          if (!copiesItsInput(copied, ctx)) {
            const names = freeNames(copied, ctx);
            if (body && mayMutate(names, body, ctx)) return;
            // Whatever the loop calls might change the source (through an alias, a closure, `self`): the copy may be deliberate.
            if (body && (callsAnything(body, ctx) || yields(body))) return;
          }
          ctx.report({
            node: iterable,
            message: `\`${shorten(ctx.text(iterable), 50)}\` copies everything into a new list only to iterate it once, and the loop does not modify the source.`,
            suggestion: `Iterate the source directly: \`for … in ${shorten(ctx.text(copied), 50)}:\`.`,
          });
        },
      },
    };
  },
};

function loopIterable(loop: SyntaxNode): SyntaxNode | undefined {
  const inKw = childNamed(loop, 'in');
  const iterable = inKw?.nextSibling;
  return iterable && iterable.name !== 'Body' && iterable.nextSibling?.name === 'Body' ? iterable : undefined;
}

/** `X` in `list(X)`. */
function listCopyArgument(node: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  if (node.name !== 'CallExpression' || !node.firstChild || dottedName(node.firstChild, ctx.source) !== 'list')
    return undefined;
  const args = callArguments(node, ctx.source);
  const [only, extra] = positionalArguments(args);
  return only && !extra && args.args.length === 1 ? only : undefined;
}

/** Variable names an expression reads (the copied source and anything it is computed from). */
function freeNames(node: SyntaxNode, ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  if (node.name === 'VariableName') names.add(ctx.text(node));
  forEachDescendant(node, (n) => {
    if (n.name === 'VariableName') names.add(ctx.text(n));
  });
  return names;
}

/**
 * True when the loop body could change one of `names`: assigns or deletes it or an item/attribute of
 * it, calls a method on it that is not read-only, or passes it to a function that might.
 */
function mayMutate(names: ReadonlySet<string>, body: SyntaxNode, ctx: RuleContext): boolean {
  let mutated = false;
  forEachDescendant(body, (node) => {
    if (mutated) return false;
    if (node.name !== 'VariableName' || !names.has(ctx.text(node))) return true;
    mutated = isMutatingUse(node, ctx);
    return true;
  });
  return mutated;
}

function isMutatingUse(name: SyntaxNode, ctx: RuleContext): boolean {
  // Climb the attribute/subscript chain the name starts (`d`, `d.items`, `d[k]`).
  let top: SyntaxNode = name;
  while (top.parent?.name === 'MemberExpression' && top.parent.firstChild?.from === top.from) top = top.parent;
  const parent = top.parent;
  if (!parent) return false;
  switch (parent.name) {
    case 'AssignStatement':
    case 'UpdateStatement':
      return isAssignmentTarget(parent, top);
    case 'DeleteStatement':
      return true;
    case 'CallExpression': {
      if (parent.firstChild?.from === top.from && top.name === 'MemberExpression') {
        const method = methodCall(parent, ctx.source)?.method;
        return method === undefined || !READ_ONLY_METHODS.has(method);
      }
      return false;
    }
    case 'ArgList': {
      const call = parent.parent;
      const callee = call?.firstChild;
      const fn = callee ? dottedName(callee, ctx.source) : undefined;
      return fn === undefined || !READ_ONLY_FUNCTIONS.has(fn);
    }
    default:
      return false;
  }
}

function isAssignmentTarget(statement: SyntaxNode, node: SyntaxNode): boolean {
  for (let child = statement.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp' || child.name === 'UpdateOp') return false;
    if (child.from === node.from && child.to === node.to) return true;
  }
  return false;
}

/** True when the code calls anything but read-only builtins (an exception being raised does not count). */
function callsAnything(body: SyntaxNode, ctx: RuleContext): boolean {
  let calls = false;
  forEachDescendant(body, (node) => {
    if (calls || node.name === 'RaiseStatement') return false;
    if (node.name === 'CallExpression' && !READ_ONLY_FUNCTIONS.has(calleeName(node, ctx.source) ?? '')) calls = true;
    return true;
  });
  return calls;
}

function yields(body: SyntaxNode): boolean {
  let found = false;
  forEachDescendant(body, (node) => {
    if (found || node.name === 'FunctionDefinition' || node.name === 'LambdaExpression') return false;
    if (node.name === 'YieldStatement' || node.name === 'YieldExpression') found = true;
    return !found;
  });
  return found;
}

const SNAPSHOTTING = new Set([
  'itertools.combinations',
  'combinations',
  'itertools.permutations',
  'permutations',
  'itertools.product',
  'product',
]);

/** `combinations(xs, 2)` and friends take a copy of their input when created: looping over them directly is safe. */
function copiesItsInput(copied: SyntaxNode, ctx: RuleContext): boolean {
  return copied.name === 'CallExpression' && SNAPSHOTTING.has(calleeName(copied, ctx.source) ?? '');
}
