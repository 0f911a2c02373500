import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall } from '../calls.js';
import { GROWING_METHODS } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { enclosingFunction, rootName, treeRoot } from '../syntax.js';
import { forEachDescendant, forEachNamed } from '../walk.js';

/** Parts of an expression that keep the exception itself (not a string made from it). */
const CONTAINERS = new Set([
  'TupleExpression',
  'ArrayExpression',
  'DictionaryExpression',
  'SetExpression',
  'ParenthesizedExpression',
]);

/**
 * An exception (or `sys.exc_info()`) kept somewhere long-lived from an `except` block. Its
 * traceback holds every frame it passed through and their locals. Exceptions collected into a
 * long-lived container (`self.errors.append(e)`, a module-level list) accumulate: a warning. One
 * exception kept on an attribute (`self.last_error = e`) is an `info`, and is left alone when the
 * code hands it on later (re-raises it, passes it to a future, clears it): that is a deferred
 * raise, by design. One finding per target and function.
 */
export const storedException: Rule = {
  id: 'stored-exception',
  severity: 'warning',
  summary: 'Exception or `sys.exc_info()` stored on `self` or in a long-lived container',
  triggers: ['except'],
  create(ctx) {
    const reported = new Set<string>();
    return {
      enter: {
        TryStatement(statement) {
          for (let child = statement.firstChild; child; child = child.nextSibling) {
            if (child.name !== 'except') continue;
            const { name, body } = exceptClause(child);
            if (body) checkHandler(body, name ? ctx.text(name) : undefined, ctx, reported);
          }
        },
      },
    };
  },
};

/** The `as` name and body of the `except` clause starting at the `except` keyword. */
function exceptClause(keyword: SyntaxNode): { name?: SyntaxNode; body?: SyntaxNode } {
  let name: SyntaxNode | undefined;
  for (let node = keyword.nextSibling; node; node = node.nextSibling) {
    if (node.name === 'as') name = node.nextSibling ?? undefined;
    if (node.name === 'Body') return name ? { name, body: node } : { body: node };
  }
  return {};
}

function checkHandler(body: SyntaxNode, exception: string | undefined, ctx: RuleContext, reported: Set<string>) {
  const once = (node: SyntaxNode, target: SyntaxNode, accumulates: boolean) => {
    const key = `${enclosingFunction(node)?.from ?? -1}:${ctx.text(target)}`;
    if (reported.has(key)) return;
    reported.add(key);
    report(node, target, ctx, accumulates);
  };
  forEachDescendant(body, (node) => {
    if (node.name === 'FunctionDefinition' || node.name === 'ClassDefinition' || node.name === 'LambdaExpression')
      return false;
    if (node.name === 'AssignStatement') {
      const target = node.firstChild;
      const value = node.lastChild;
      if (!target || !value || target === value || target.nextSibling?.name !== 'AssignOp') return true;
      if (!keepsException(value, exception, ctx) || !isLongLived(target, node, ctx, true)) return true;
      // `self.errors[key] = e` grows a container; `self.last_error = e` keeps one.
      const accumulates = target.name === 'MemberExpression' && target.lastChild?.name === ']';
      if (accumulates || !handedOnLater(target, ctx)) once(node, target, accumulates);
    } else if (node.name === 'CallExpression') {
      const method = methodCall(node, ctx.source);
      if (!method || !GROWING_METHODS.has(method.method)) return true;
      const kept = callArguments(node, ctx.source).args.some((a) => a.value && keepsException(a.value, exception, ctx));
      if (kept && isLongLived(method.object, node, ctx, false)) once(node, method.object, true);
    }
    return true;
  });
}

/**
 * True when the attribute an exception is stored on is used elsewhere in the file to hand it on or
 * drop it: raised (`raise self.error`), passed to a call (`future.set_exception(self.error)`),
 * read into a name (`e = self._saved; self._saved = None; raise e`) or reset to `None`.
 */
function handedOnLater(target: SyntaxNode, ctx: RuleContext): boolean {
  const attribute = target.lastChild?.name === 'PropertyName' ? ctx.text(target.lastChild) : undefined;
  if (!attribute) return false;
  const handedOn = ctx.shared(`stored-exception:handed-on`, () => attributesHandedOn(treeRoot(target), ctx));
  return handedOn.has(attribute);
}

/** Attribute names that the file raises, passes to calls, reads into names, or resets to `None`. */
function attributesHandedOn(root: SyntaxNode, ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  forEachNamed(root, MEMBERS, NO_SKIP, (member) => {
    const property = member.lastChild;
    const parent = member.parent;
    if (property?.name !== 'PropertyName' || !parent) return;
    const name = ctx.text(property);
    if (parent.name === 'RaiseStatement' || parent.name === 'ArgList') names.add(name);
    else if (parent.name === 'AssignStatement') {
      const value = parent.lastChild;
      const isTarget = parent.firstChild?.from === member.from;
      if ((!isTarget && value?.from === member.from) || (isTarget && value?.name === 'None')) names.add(name);
    }
  });
  return names;
}

const MEMBERS = new Set(['MemberExpression']);
const NO_SKIP = new Set<string>();

/** The exception name itself, `sys.exc_info()`, `e.__traceback__`, or a tuple/list/dict holding one. */
function keepsException(value: SyntaxNode, exception: string | undefined, ctx: RuleContext): boolean {
  if (value.name === 'VariableName') return exception !== undefined && ctx.text(value) === exception;
  if (value.name === 'CallExpression') {
    const name = calleeName(value, ctx.source);
    return name === 'sys.exc_info' || name === 'exc_info';
  }
  if (value.name === 'MemberExpression')
    return exception !== undefined && ctx.text(value) === `${exception}.__traceback__`;
  if (!CONTAINERS.has(value.name)) return false;
  let kept = false;
  forEachDescendant(value, (part) => {
    if (kept) return false;
    if (part.name === 'CallExpression' && !keepsException(part, exception, ctx)) return false;
    if (part.name === 'VariableName' || part.name === 'MemberExpression' || part.name === 'CallExpression') {
      kept = keepsException(part, exception, ctx);
      return false;
    }
    return true;
  });
  return kept;
}

/**
 * `self.x`/`cls.x` (anything rooted at them), or a container that is module-level: not bound in
 * the current function, or used by module-level code. Assigning to a plain name (`err = e`) is left
 * alone.
 */
function isLongLived(target: SyntaxNode, at: SyntaxNode, ctx: RuleContext, assigned: boolean): boolean {
  const root = rootName(target, ctx.source);
  if (!root) return false;
  if (root === 'self' || root === 'cls') return true;
  if (assigned && target.name === 'VariableName') return false;
  // In module-level code every container is a global; in a function, one not bound there is.
  return !enclosingFunction(at) || ctx.kindsOf(root, at).size === 0;
}

function report(node: SyntaxNode, target: SyntaxNode, ctx: RuleContext, accumulates: boolean) {
  const where = shorten(ctx.text(target), 30);
  ctx.report({
    node,
    ...(!accumulates && { severity: 'info' as const }),
    message:
      `\`${shorten(ctx.text(node), 50)}\` keeps the exception in \`${where}\`, which outlives the \`except\` block, and with it every frame of its traceback and their local variables` +
      `${rootName(target, ctx.source) === 'self' ? ' (including this `self`: a reference cycle)' : ''}.`,
    suggestion:
      'Keep what you need instead of the exception: `repr(e)` or `traceback.format_exception(e)` text; or drop the frames first with `e.with_traceback(None)`.',
  });
}
