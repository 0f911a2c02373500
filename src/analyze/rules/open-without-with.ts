import type { SyntaxNode } from '@lezer/common';
import { callArguments, methodCall } from '../calls.js';
import { isFileOpeningCall } from '../file-objects.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { dottedName, enclosingFunction, owningClass } from '../syntax.js';

/** Wrappers that take over closing the file they are given. */
const CLOSING_WRAPPERS = new Set(['enter_context', 'closing', 'contextlib.closing', 'push', 'callback']);
const STATEMENT_END = new Set(['Body', 'Script']);
const MODULE = -1;

/**
 * A file opened outside a `with` statement: in an assignment, a comprehension (`[l for l in open(p)]`)
 * or a chained call (`open(p).read()`). A file handed to `ExitStack.enter_context`/`closing`, returned
 * or yielded to the caller (directly or by name), closed in a `finally` block, entered later with
 * `with f:`, or kept on `self` by a class that closes it (or defines `close`/`__exit__`), is managed.
 */
export const openWithoutWith: Rule = {
  id: 'open-without-with',
  severity: 'warning',
  summary: '`open(...)` whose file is not closed by a `with` statement',
  create(ctx) {
    /** `scope:name` keys of files closed safely: in a `finally`, by `with name:`, or handed over as `name.close`. */
    const closed = new Set<string>();
    /** `class:self.attr` keys closed by some method of the class. */
    const closedOnSelf = new Set<string>();
    const assigned: { call: SyntaxNode; key: string }[] = [];
    const closeOffsets = new CloseOffsets(ctx.source);
    const ownerClasses = new Set<string>();
    /** `return f` / `yield f`: the caller gets the open file and owns closing it. */
    const recordHandOver = (statement: SyntaxNode) => {
      const value = statement.lastChild;
      if (value?.name === 'VariableName' && value.from > statement.from) closed.add(`${scopeKey(statement)}:${ctx.text(value)}`);
    };

    const report = (call: SyntaxNode) => {
      const opened = shorten(ctx.text(call));
      ctx.report({
        node: call,
        message:
          `\`${opened}\` is not managed by a \`with\` statement: the file and its buffer stay open until the ` +
          `object happens to be garbage-collected, which an exception, a lingering reference or a reference cycle can delay indefinitely.`,
        suggestion: `Open it in a \`with\` block, which closes it when the block ends, even on errors: \`with ${opened} as f:\`.`,
      });
    };

    return {
      enter: {
        CallExpression(call) {
          recordClose(call, ctx, closed, closedOnSelf, closeOffsets);
          if (!isFileOpeningCall(call, ctx.source)) return;
          const managed = managedBy(call, ctx);
          if (managed === true) return;
          if (managed === false) report(call);
          else assigned.push({ call, key: managed });
        },
        ReturnStatement: recordHandOver,
        YieldStatement: recordHandOver,
        ClassDefinition(cls) {
          // A class with close() or __exit__ owns what it opens on self.
          if (definesCloser(cls, ctx.source)) ownerClasses.add(`class${cls.from}`);
        },
        WithStatement(statement) {
          // `f = open(p)` ... `with f:`
          const item = statement.firstChild?.nextSibling;
          if (item?.name === 'VariableName') closed.add(`${scopeKey(statement)}:${ctx.text(item)}`);
        },
      },
      finish() {
        for (const { call, key } of assigned) {
          const owner = key.slice(0, key.indexOf(':'));
          if (!closed.has(key) && !closedOnSelf.has(key) && !ownerClasses.has(owner)) report(call);
        }
      },
    };
  },
};

/**
 * `true` when the call is managed where it stands, `false` when it is not, or, for `name = open(...)`,
 * the key under which a later close would be recorded.
 */
function managedBy(call: SyntaxNode, ctx: RuleContext): boolean | string {
  let child: SyntaxNode = call;
  for (let parent = call.parent; parent && !STATEMENT_END.has(parent.name); child = parent, parent = parent.parent) {
    switch (parent.name) {
      case 'WithStatement':
        return child.name !== 'Body';
      case 'ReturnStatement':
      case 'YieldExpression':
      case 'YieldStatement':
      case 'LambdaExpression':
        // Handed to the caller, who owns closing it.
        return child === call;
      case 'ArgList':
        if (parent.parent && isClosingWrapper(parent.parent, ctx.source)) return true;
        break;
      case 'AssignStatement':
        return child === call ? (assignmentKey(parent, ctx) ?? false) : false;
    }
  }
  return false;
}

function assignmentKey(assignment: SyntaxNode, ctx: RuleContext): string | undefined {
  const target = assignment.firstChild;
  if (!target || target.nextSibling?.name !== 'AssignOp') return undefined;
  const name = dottedName(target, ctx.source);
  if (name === undefined) return undefined;
  if (name.startsWith('self.')) {
    const def = enclosingFunction(assignment);
    const cls = def && owningClass(def);
    return cls ? `class${cls.from}:${name}` : undefined;
  }
  return `${scopeKey(assignment)}:${name}`;
}

/** Records `x.close()` (in a `finally`, or anywhere for `self.x` in a class) and `register(x.close)`. */
function recordClose(call: SyntaxNode, ctx: RuleContext, closed: Set<string>, closedOnSelf: Set<string>, closes: CloseOffsets) {
  const method = methodCall(call, ctx.source);
  if (method?.method === 'close') {
    const name = dottedName(method.object, ctx.source);
    if (name === undefined) return;
    if (name.startsWith('self.')) {
      const def = enclosingFunction(call);
      const cls = def && owningClass(def);
      if (cls) closedOnSelf.add(`class${cls.from}:${name}`);
    } else if (inFinally(call)) {
      closed.add(`${scopeKey(call)}:${name}`);
    }
    return;
  }
  if (!closes.within(call.from, call.to)) return;
  for (const arg of callArguments(call, ctx.source).args) {
    const value = arg.value;
    if (value?.name !== 'MemberExpression' || value.lastChild?.name !== 'PropertyName' || ctx.text(value.lastChild) !== 'close') continue;
    const name = value.firstChild ? dottedName(value.firstChild, ctx.source) : undefined;
    if (name !== undefined) closed.add(`${scopeKey(call)}:${name}`);
  }
}

function isClosingWrapper(call: SyntaxNode, source: string): boolean {
  const callee = call.firstChild;
  if (!callee) return false;
  const name = dottedName(callee, source);
  if (name !== undefined && CLOSING_WRAPPERS.has(name)) return true;
  const method = methodCall(call, source);
  return method !== undefined && CLOSING_WRAPPERS.has(method.method);
}

function scopeKey(node: SyntaxNode): number {
  return enclosingFunction(node)?.from ?? MODULE;
}

function inFinally(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name === 'FunctionDefinition') return false;
    if (parent.name === 'Body' && parent.prevSibling?.name === 'finally') return true;
  }
  return false;
}

/** Where `.close` occurs in the source, found once, so "does this call mention it?" is a binary search, not a scan. */
class CloseOffsets {
  private offsets: number[] | undefined;

  constructor(private readonly source: string) {}

  within(from: number, to: number): boolean {
    const offsets = (this.offsets ??= this.find());
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((offsets[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && (offsets[lo] ?? to) < to;
  }

  private find(): number[] {
    const offsets: number[] = [];
    for (let at = this.source.indexOf('.close'); at >= 0; at = this.source.indexOf('.close', at + 1)) offsets.push(at);
    return offsets;
  }
}

const CLOSERS = new Set(['close', '__exit__']);

function definesCloser(cls: SyntaxNode, source: string): boolean {
  const body = cls.getChild('Body');
  for (let child = body?.firstChild; child; child = child.nextSibling) {
    const def = child.name === 'DecoratedStatement' ? child.getChild('FunctionDefinition') : child.name === 'FunctionDefinition' ? child : null;
    const name = def?.getChild('VariableName');
    if (name && CLOSERS.has(source.slice(name.from, name.to))) return true;
  }
  return false;
}
