import type { SyntaxNode } from '@lezer/common';
import { methodCall } from './calls.js';
import type { RuleContext } from './rule.js';
import { dottedName } from './syntax.js';
import { valueKind } from './value-kind.js';

/** Calls that open a file-like object that should be closed (what Ruff's SIM115 also knows). */
const OPENERS = new Set([
  'open', 'io.open', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'tarfile.open', 'zipfile.ZipFile',
  'os.fdopen', 'tempfile.TemporaryFile', 'tempfile.NamedTemporaryFile', 'tempfile.SpooledTemporaryFile',
  'gzip.GzipFile', 'bz2.BZ2File', 'lzma.LZMAFile', 'shelve.open', 'dbm.open', 'tokenize.open', 'wave.open',
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

/** True when an expression is a file object: an opening call, or a name bound to one (`with open(p) as f`). */
export function isFileObject(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'CallExpression') return isFileOpeningCall(node, ctx.source);
  if (node.name !== 'VariableName') return false;
  const kinds = ctx.kindsOf(ctx.text(node), node);
  return kinds.has('file') && kinds.size === 1;
}

/** True for `Path(...)` / `pathlib.Path(...)` or a name only ever bound to one. */
export function isPathObject(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'CallExpression') return valueKind(node, ctx.source) === 'path';
  if (node.name !== 'VariableName') return false;
  const kinds = ctx.kindsOf(ctx.text(node), node);
  return kinds.has('path') && kinds.size === 1;
}
