import type { SyntaxNode } from '@lezer/common';
import { methodCall, parameters } from './calls.js';
import type { RuleContext } from './rule.js';
import { childNamed, dottedName, enclosingFunction, NESTED_SCOPES, treeRoot } from './syntax.js';
import { valueKind } from './value-kind.js';
import { firstAfter, nameOccurrences } from './walk.js';

/** Calls that open a file-like object that should be closed (what Ruff's SIM115 also knows). */
const OPENERS = new Set([
  'open',
  'io.open',
  'codecs.open',
  'gzip.open',
  'bz2.open',
  'lzma.open',
  'tarfile.open',
  'zipfile.ZipFile',
  'os.fdopen',
  'tempfile.TemporaryFile',
  'tempfile.NamedTemporaryFile',
  'tempfile.SpooledTemporaryFile',
  'gzip.GzipFile',
  'bz2.BZ2File',
  'lzma.LZMAFile',
  'shelve.open',
  'dbm.open',
  'tokenize.open',
  'wave.open',
  // File-like responses that hold a socket until closed.
  'urlopen',
  'urllib.request.urlopen',
  'request.urlopen',
  'urllib2.urlopen',
]);

/** True for `open(...)`, `gzip.open(...)`, `Path(...).open()`: a call that returns an open file. */
export function isFileOpeningCall(call: SyntaxNode, source: string): boolean {
  if (call.name !== 'CallExpression' || !call.firstChild) return false;
  const name = dottedName(call.firstChild, source);
  if (name !== undefined) return OPENERS.has(name);
  const method = methodCall(call, source);
  if (method?.method !== 'open' || method.object.name !== 'CallExpression' || !method.object.firstChild) return false;
  const receiver = dottedName(method.object.firstChild, source);
  return receiver === 'Path' || receiver === 'pathlib.Path';
}

/**
 * True when an expression is a file object: an opening call (`open`, `urlopen`...), a name bound to
 * one (`with open(p) as f`), or a parameter named like a file (`def load(fp):`).
 */
export function isFileObject(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'CallExpression') return isFileOpeningCall(node, ctx.source);
  if (node.name !== 'VariableName') return false;
  const kinds = ctx.kindsOf(ctx.text(node), node);
  return (kinds.has('file') && kinds.size === 1) || isFileParameter(node, ctx);
}

/** True for `Path(...)` / `pathlib.Path(...)` or a name only ever bound to one. */
export function isPathObject(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'CallExpression') return valueKind(node, ctx.source) === 'path';
  if (node.name !== 'VariableName') return false;
  const kinds = ctx.kindsOf(ctx.text(node), node);
  return kinds.has('path') && kinds.size === 1;
}

/** Where the uses of a name bound by `statement` live: its function's body, or the whole module. */
function usesScope(statement: SyntaxNode): SyntaxNode | null {
  const fn = enclosingFunction(statement);
  if (fn) return childNamed(fn, 'Body');
  return treeRoot(statement);
}

/**
 * The first two uses of `name` after `assignment`, in the scope where it is assigned (see
 * {@link usesScope}; uses inside nested definitions are their own): a value used exactly once has
 * a first and no second.
 */
export function nextUses(
  assignment: SyntaxNode,
  name: string,
  ctx: RuleContext,
): readonly [SyntaxNode | undefined, SyntaxNode | undefined] {
  const scope = usesScope(assignment);
  if (!scope) return [undefined, undefined];
  const uses = nameOccurrences(scope, NESTED_SCOPES, ctx).get(name) ?? [];
  const after = firstAfter(uses, assignment.to);
  return [uses[after], uses[after + 1]];
}

/** Parameter names that, by convention, hold an open file (`def load(fp):`). */
const FILE_PARAMETERS = new Set(['f', 'fp', 'fh', 'fd', 'file', 'fileobj', 'file_obj', 'infile', 'stream', 'fobj']);

/** True for a parameter with a conventional file name (`fp`), never rebound in its function. */
export function isFileParameter(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name !== 'VariableName') return false;
  const name = ctx.text(node);
  if (!FILE_PARAMETERS.has(name)) return false;
  const fn = enclosingFunction(node);
  if (!fn || !parameters(fn, ctx.source).some((p) => p.keyword === name && !p.star)) return false;
  return ctx.kindsOf(name, node).size === 1;
}

/**
 * True when the value of `call` is only ever looped over once: `lines = f.readlines()` whose one
 * use after the assignment, in the same scope, is the iterable of a `for` (statement or
 * comprehension). Indexing, slicing, `len()`, passing it on or a second loop all need the list.
 */
export function usedOnceAsLoopSource(call: SyntaxNode, ctx: RuleContext): boolean {
  const assignment = call.parent;
  if (assignment?.name !== 'AssignStatement' || assignment.lastChild?.from !== call.from) return false;
  const target = assignment.firstChild;
  if (
    target?.name !== 'VariableName' ||
    target.nextSibling?.name !== 'AssignOp' ||
    target.nextSibling.nextSibling?.from !== call.from
  )
    return false;
  const [use, other] = nextUses(assignment, ctx.text(target), ctx);
  if (!use || other) return false;
  const parent = use.parent;
  return (
    parent !== null &&
    (parent.name === 'ForStatement' || /Comprehension/.test(parent.name)) &&
    use.prevSibling?.name === 'in'
  );
}
