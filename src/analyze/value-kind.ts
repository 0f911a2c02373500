import type { SyntaxNode } from '@lezer/common';
import { calleeName, methodCall } from './calls.js';

/** What an expression evaluates to, as far as the syntax alone tells. */
export type ValueKind =
  'str' | 'bytes' | 'bytearray' | 'number' | 'list' | 'dict' | 'set' | 'tuple' | 'file' | 'path' | 'unknown';

const CONSTRUCTORS: Readonly<Record<string, ValueKind>> = {
  str: 'str',
  repr: 'str',
  chr: 'str',
  format: 'str',
  ascii: 'str',
  hex: 'str',
  oct: 'str',
  bin: 'str',
  bytes: 'bytes',
  bytearray: 'bytearray',
  int: 'number',
  float: 'number',
  len: 'number',
  abs: 'number',
  round: 'number',
  complex: 'number',
  ord: 'number',
  list: 'list',
  sorted: 'list',
  dict: 'dict',
  defaultdict: 'dict',
  OrderedDict: 'dict',
  Counter: 'dict',
  'collections.defaultdict': 'dict',
  'collections.OrderedDict': 'dict',
  'collections.Counter': 'dict',
  set: 'set',
  tuple: 'tuple',
  Path: 'path',
  'pathlib.Path': 'path',
  PurePath: 'path',
  open: 'file',
  'io.open': 'file',
  'codecs.open': 'file',
  'gzip.open': 'file',
  'bz2.open': 'file',
  'lzma.open': 'file',
  urlopen: 'file',
  'urllib.request.urlopen': 'file',
  'request.urlopen': 'file',
};

const STRING_METHODS = new Set([
  'join',
  'format',
  'strip',
  'lstrip',
  'rstrip',
  'upper',
  'lower',
  'replace',
  'title',
  'capitalize',
  'casefold',
  'center',
  'ljust',
  'rjust',
  'zfill',
  'expandtabs',
  'format_map',
  'removeprefix',
  'removesuffix',
]);
const LITERAL_KINDS: Readonly<Record<string, ValueKind>> = {
  FormatString: 'str',
  Number: 'number',
  ArrayExpression: 'list',
  ArrayComprehensionExpression: 'list',
  DictionaryExpression: 'dict',
  DictionaryComprehensionExpression: 'dict',
  SetExpression: 'set',
  SetComprehensionExpression: 'set',
  TupleExpression: 'tuple',
};

/**
 * The kind of value an expression makes, from its syntax: literals, well-known constructors and
 * string methods, arithmetic on those. `unknown` whenever it cannot be sure.
 *
 * @example
 * valueKind(callNode, source) // 'str' for `'-'.join(parts)`, 'list' for `sorted(xs)`
 */
export function valueKind(node: SyntaxNode, source: string): ValueKind {
  const literal = LITERAL_KINDS[node.name];
  if (literal) return literal;
  switch (node.name) {
    case 'String':
      return stringKind(source.slice(node.from, node.to));
    case 'ContinuedString':
      return node.firstChild ? valueKind(node.firstChild, source) : 'str';
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      return inner && inner.name !== ')' ? valueKind(inner, source) : 'tuple';
    }
    case 'UnaryExpression':
      return node.lastChild && valueKind(node.lastChild, source) === 'number' ? 'number' : 'unknown';
    case 'BinaryExpression':
      return binaryKind(node, source);
    case 'CallExpression':
      return callKind(node, source);
    default:
      return 'unknown';
  }
}

/** `str` or `bytes` kinds, which the string tips cover. */
export function isTextKind(kind: ValueKind): boolean {
  return kind === 'str' || kind === 'bytes';
}

function stringKind(literal: string): ValueKind {
  const quote = literal.search(/['"]/);
  return /b/i.test(literal.slice(0, Math.max(0, quote))) ? 'bytes' : 'str';
}

function binaryKind(node: SyntaxNode, source: string): ValueKind {
  const left = node.firstChild;
  const op = left?.nextSibling;
  const right = node.lastChild;
  if (!left || !op || !right || op.name !== 'ArithOp') return 'unknown';
  const operator = source.slice(op.from, op.to);
  const l = valueKind(left, source);
  const r = valueKind(right, source);
  if (operator === '%' && isTextKind(l)) return l;
  if (operator === '+' && (isTextKind(l) || isTextKind(r))) return isTextKind(l) ? l : r;
  if (operator === '*' && (isTextKind(l) || l === 'list' || l === 'tuple')) return l;
  if (operator === '*' && (isTextKind(r) || r === 'list' || r === 'tuple')) return r;
  if (operator === '+' && l === r && (l === 'list' || l === 'tuple')) return l;
  if (l === 'number' && r === 'number') return 'number';
  return 'unknown';
}

function callKind(call: SyntaxNode, source: string): ValueKind {
  const name = calleeName(call, source);
  if (name !== undefined && CONSTRUCTORS[name]) return CONSTRUCTORS[name];
  const method = methodCall(call, source);
  if (method && STRING_METHODS.has(method.method)) {
    const objectKind = valueKind(method.object, source);
    if (isTextKind(objectKind)) return objectKind;
    // Only strings (and bytes) have these; `replace` is left out (`datetime.replace`, pandas).
    if (method.method !== 'replace') return 'str';
  }
  return 'unknown';
}

const ANNOTATION_KINDS: Readonly<Record<string, ValueKind>> = {
  str: 'str',
  bytes: 'bytes',
  int: 'number',
  float: 'number',
  list: 'list',
  List: 'list',
  dict: 'dict',
  Dict: 'dict',
  set: 'set',
  Set: 'set',
  tuple: 'tuple',
  Tuple: 'tuple',
};

/** The annotation's kind for `x: str`, `x: list[int]`. */
export function annotationKind(typeDef: SyntaxNode, source: string): ValueKind {
  const type = typeDef.lastChild;
  if (!type) return 'unknown';
  const base = type.name === 'MemberExpression' && type.firstChild ? type.firstChild : type;
  return ANNOTATION_KINDS[source.slice(base.from, base.to)] ?? 'unknown';
}
