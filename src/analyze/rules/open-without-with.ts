import type { SyntaxNode } from '@lezer/common';
import { chargeWork } from '../analysis-budget.js';
import { callArguments, calleeName, methodCall } from '../calls.js';
import { isFileObject, isFileOpeningCall } from '../file-objects.js';
import { READ_ONLY_FUNCTIONS, READ_ONLY_METHODS } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { childNamed, dottedName, enclosingFunction, owningClass } from '../syntax.js';
import { nameOccurrences } from '../walk.js';

/** Wrappers that take over closing the file they are given. */
const CLOSING_WRAPPERS = new Set(['enter_context', 'closing', 'contextlib.closing', 'push', 'callback']);
const STATEMENT_END = new Set(['Body', 'Script']);
const MODULE = -1;
const NESTED_DEFINITIONS: ReadonlySet<string> = new Set(['FunctionDefinition', 'ClassDefinition']);

/** Containers a handed-over file may travel in: `return (f, name)`, `return [f]`. */
const CARRIERS = new Set(['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression', 'DictionaryExpression']);

/**
 * A file opened outside a `with` statement: in an assignment, a comprehension (`[l for l in open(p)]`)
 * or a chained call (`open(p).read()`). A file handed to `ExitStack.enter_context`/`closing`, returned
 * or yielded to the caller (directly, by name, in a tuple, or on an object returned: `resp.raw =
 * open(p)` … `return resp`), closed in a `finally` block or on the very next line, entered later
 * with `with f:`, kept on `self` by a class that closes it (or defines `close`/`__exit__`), or
 * handed to an object that outlives the function (`FileStorage(f)` stored, `StreamHandler(f)`
 * registered, `wrap_file(f)` returned) or made a standard stream for the rest of the process
 * (`sys.stdout = open(log, "a")`) is managed, and an archive opened over a file object
 * (`ZipFile(fp)`) opens no file of its own. A file closed later without a `finally` is an `info`
 * finding: it only leaks when something in between raises.
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
    /** `scope:name` keys closed somewhere, but not safely (no `finally`). */
    const closedLater = new Set<string>();
    const ownerClasses = new Set<string>();
    /** `return f` / `yield f`: the caller gets the open file and owns closing it. */
    const recordHandOver = (statement: SyntaxNode) => {
      const value = statement.lastChild;
      if (!value || value.from <= statement.from) return;
      if (value.name === 'VariableName') closed.add(`${scopeKey(statement)}:${ctx.text(value)}`);
      else if (CARRIERS.has(value.name)) {
        for (let item = value.firstChild; item; item = item.nextSibling) {
          if (item.name === 'VariableName') closed.add(`${scopeKey(statement)}:${ctx.text(item)}`);
        }
      }
    };

    const report = (call: SyntaxNode, closedLater = false) => {
      const opened = ctx.text(call);
      const shown = shorten(opened);
      const inWith = opened.length <= 60 && !/[\r\n]/.test(opened) ? `\`with ${opened} as f:\`` : 'a `with` statement';
      ctx.report({
        node: call,
        ...(closedLater && { severity: 'info' as const }),
        message: closedLater
          ? `\`${shown}\` is closed further down, but not in a \`with\` or \`finally\`: if anything in between raises, the file stays open.`
          : `\`${shown}\` is not managed by a \`with\` statement: the file stays open until the object happens to be garbage-collected.`,
        suggestion: `Open it in a \`with\` block, which closes it when the block ends, even on errors: ${inWith}.`,
      });
    };

    return {
      enter: {
        CallExpression(call) {
          recordClose(call, ctx, closed, closedOnSelf, closeOffsets, closedLater);
          if (!isFileOpeningCall(call, ctx.source) || wrapsFileObject(call, ctx)) return;
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
          if (closed.has(key) || closedOnSelf.has(key) || ownerClasses.has(owner)) continue;
          // `resp.raw = open(p)` … `return resp`: the file travels with the object handed to the caller.
          const dot = key.indexOf('.', owner.length + 1);
          if (dot > 0 && closed.has(key.slice(0, dot))) continue;
          const assignment = call.parent;
          if (
            assignment &&
            (closedOnNextLine(assignment, ctx) ||
              (assignment.firstChild?.name === 'VariableName' && handedOver(assignment, ctx, 0)))
          )
            continue;
          report(call, closedLater.has(key));
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
  // `open(p).close()`: closed at once.
  if (call.parent?.name === 'MemberExpression' && call.parent.lastChild && ctx.text(call.parent.lastChild) === 'close')
    return true;
  let child: SyntaxNode = call;
  let carried = true;
  for (let parent = call.parent; parent && !STATEMENT_END.has(parent.name); child = parent, parent = parent.parent) {
    switch (parent.name) {
      case 'WithStatement':
        return child.name !== 'Body';
      case 'ReturnStatement':
      case 'YieldExpression':
      case 'YieldStatement':
      case 'LambdaExpression':
        // Handed to the caller (alone or in a tuple), who owns closing it.
        return carried;
      case 'ArgList':
        if (parent.parent && isClosingWrapper(parent.parent, ctx.source)) return true;
        // Handed to an object that outlives this function: it owns the file now.
        if (handedOver(child, ctx, 0)) return true;
        carried = false;
        break;
      case 'AssignStatement':
        if (child !== call) return false;
        // `sys.stdout = sys.stderr = open(log, "a")`: the file is the process's stream from now on.
        if (assignsStandardStream(parent, ctx)) return true;
        return assignmentKey(parent, ctx) ?? false;
      default:
        if (!CARRIERS.has(parent.name)) carried = false;
    }
  }
  return false;
}

/**
 * Openers that can wrap a file object instead of opening a path (`zipfile.ZipFile(fp)`,
 * `gzip.GzipFile(fileobj=fp)`, `tarfile.open(fileobj=fp)`): the argument that does it. Given an
 * open file, they open nothing themselves, and closing them leaves that file open: whoever opened
 * the file closes it (pip's `unzip_file`: `zipfp = open(…)`, `ZipFile(zipfp)`, `zipfp.close()` in
 * a `finally`).
 */
const FILE_WRAPPERS: ReadonlyMap<string, { readonly position?: number; readonly keyword: string }> = new Map([
  ['zipfile.ZipFile', { position: 0, keyword: 'file' }],
  ['gzip.GzipFile', { keyword: 'fileobj' }],
  ['bz2.BZ2File', { position: 0, keyword: 'filename' }],
  ['lzma.LZMAFile', { position: 0, keyword: 'filename' }],
  ['tarfile.open', { keyword: 'fileobj' }],
]);

/** Whether an opener is given a file object to wrap rather than a path to open (see {@link FILE_WRAPPERS}). */
function wrapsFileObject(call: SyntaxNode, ctx: RuleContext): boolean {
  const wrapper = FILE_WRAPPERS.get(calleeName(call, ctx.source) ?? '');
  if (!wrapper) return false;
  const { args } = callArguments(call, ctx.source);
  const positional = args.filter((a) => a.keyword === undefined && a.star === undefined);
  const given =
    args.find((a) => a.keyword === wrapper.keyword)?.value ??
    (wrapper.position === undefined ? undefined : positional[wrapper.position]?.value);
  return given !== undefined && isFileObject(given, ctx);
}

/** The process's standard streams: a file put there is meant to stay open as long as the process runs. */
const STANDARD_STREAMS: ReadonlySet<string> = new Set(['sys.stdout', 'sys.stderr', 'sys.stdin']);

/** Whether one of the assignment's targets (`a = b = value`) is a standard stream. */
function assignsStandardStream(assignment: SyntaxNode, ctx: RuleContext): boolean {
  for (let target = assignment.firstChild; target?.nextSibling?.name === 'AssignOp';) {
    if (STANDARD_STREAMS.has(dottedName(target, ctx.source) ?? '')) return true;
    target = target.nextSibling.nextSibling;
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
function recordClose(
  call: SyntaxNode,
  ctx: RuleContext,
  closed: Set<string>,
  closedOnSelf: Set<string>,
  closes: CloseOffsets,
  closedLater: Set<string>,
) {
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
    } else {
      closedLater.add(`${scopeKey(call)}:${name}`);
    }
    return;
  }
  if (!closes.within(call.from, call.to)) return;
  for (const arg of callArguments(call, ctx.source).args) {
    const value = arg.value;
    if (
      value?.name !== 'MemberExpression' ||
      value.lastChild?.name !== 'PropertyName' ||
      ctx.text(value.lastChild) !== 'close'
    )
      continue;
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
    const def =
      child.name === 'DecoratedStatement'
        ? child.getChild('FunctionDefinition')
        : child.name === 'FunctionDefinition'
          ? child
          : null;
    const name = def?.getChild('VariableName');
    if (name && CLOSERS.has(source.slice(name.from, name.to))) return true;
  }
  return false;
}

/** `f = open(p)` directly followed by `f.close()`: nothing runs in between that could raise. */
function closedOnNextLine(assignment: SyntaxNode, ctx: RuleContext): boolean {
  const target = assignment.firstChild;
  const next = assignment.nextSibling;
  if (!target || next?.name !== 'ExpressionStatement') return false;
  const call = next.firstChild;
  const method = call?.name === 'CallExpression' ? methodCall(call, ctx.source) : undefined;
  return method?.method === 'close' && dottedName(method.object, ctx.source) === ctx.text(target);
}

/** Methods that keep what they are given (a container, a registry, a logger). */
const STORING_METHODS = new Set([
  'append',
  'add',
  'extend',
  'insert',
  'appendleft',
  'setdefault',
  'update',
  'put',
  'put_nowait',
  'push',
  'register',
  'addHandler',
  'add_handler',
  'set',
  'attach',
  'enter_context',
]);

/**
 * True when what `node` evaluates to (a call result, or a file held by the assignment `node`)
 * leaves the function: returned or yielded (alone or in a tuple), stored on an attribute or in a
 * container, kept by a storing method (`logger.addHandler(h)`), or given to a call whose own result
 * leaves. A name assigned the value is followed to its uses, a few levels deep.
 */
function handedOver(node: SyntaxNode, ctx: RuleContext, depth: number): boolean {
  if (depth > 8) return false;
  if (node.name === 'AssignStatement') {
    const target = node.firstChild;
    if (!target || target.nextSibling?.name !== 'AssignOp') return false;
    if (target.name === 'MemberExpression') return true;
    if (target.name !== 'VariableName') return false;
    return nameHandedOver(ctx.text(target), node, ctx, depth);
  }
  let child: SyntaxNode = node;
  for (let parent = node.parent; parent && !STATEMENT_END.has(parent.name); child = parent, parent = parent.parent) {
    if (CARRIERS.has(parent.name)) continue;
    switch (parent.name) {
      case 'ReturnStatement':
      case 'YieldStatement':
      case 'YieldExpression':
        return true;
      case 'ArgList': {
        const call = parent.parent;
        if (!call) return false;
        const method = methodCall(call, ctx.source);
        if (method && STORING_METHODS.has(method.method)) return true;
        const fn = call.firstChild ? dottedName(call.firstChild, ctx.source) : undefined;
        if ((fn !== undefined && READ_ONLY_FUNCTIONS.has(fn)) || (method && READ_ONLY_METHODS.has(method.method)))
          return false;
        return handedOver(call, ctx, depth + 1);
      }
      case 'AssignStatement': {
        if (child.from < (childNamed(parent, 'AssignOp')?.from ?? 0)) return false;
        return handedOver(parent, ctx, depth + 1);
      }
      default:
        return false;
    }
  }
  return false;
}

/** True when a name bound by `assignment` is later handed over (see {@link handedOver}). */
function nameHandedOver(name: string, assignment: SyntaxNode, ctx: RuleContext, depth: number): boolean {
  const fn = enclosingFunction(assignment);
  const scope = fn ? childNamed(fn, 'Body') : assignment.parent;
  if (!scope) return false;
  // Where the last use that hands the object over stands, once per name, scope and depth: asked
  // per assignment, a module of 6,000 `f = open(p)` lines took 6,000 × 6,000 checks.
  const lastHandover = ctx.shared(`handed-over:${depth}:${scope.name}:${scope.from}:${scope.to}:${name}`, () => {
    let last = -1;
    for (const use of nameOccurrences(scope, NESTED_DEFINITIONS, ctx).get(name) ?? []) {
      chargeWork(1);
      const parent = use.parent;
      // `name.method(...)` uses the object; it does not hand it over.
      if (parent?.name === 'MemberExpression' && parent.firstChild?.from === use.from) continue;
      if (handedOver(use, ctx, depth + 1)) last = use.from;
    }
    return last;
  });
  return lastHandover > assignment.to;
}
