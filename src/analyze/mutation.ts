import type { SyntaxNode } from '@lezer/common';
import { methodCall } from './calls.js';
import { dottedName } from './syntax.js';

/** Methods that add to a list, dict, set or deque. */
export const GROWING_METHODS = new Set([
  'append',
  'extend',
  'add',
  'update',
  'insert',
  'setdefault',
  'appendleft',
  'extendleft',
  '__setitem__',
]);
/** Methods that remove from one. */
export const SHRINKING_METHODS = new Set([
  'pop',
  'popitem',
  'remove',
  'discard',
  'clear',
  'popleft',
  'difference_update',
  'intersection_update',
]);

/** Builtins that read their arguments and keep no reference to them. */
export const READ_ONLY_FUNCTIONS = new Set([
  'len',
  'print',
  'str',
  'repr',
  'int',
  'float',
  'bool',
  'isinstance',
  'sorted',
  'sum',
  'min',
  'max',
  'any',
  'all',
  'enumerate',
  'zip',
  'abs',
  'round',
  'hash',
  'id',
  'type',
  'list',
  'tuple',
  'set',
  'dict',
  'frozenset',
  'reversed',
]);

/** Methods that read their arguments and keep no reference to them (`', '.join(items)`). */
export const READ_ONLY_METHODS = new Set([
  'get',
  'keys',
  'values',
  'items',
  'count',
  'index',
  'copy',
  'startswith',
  'endswith',
  'format',
  'join',
  'split',
  'strip',
  'lower',
  'upper',
  'find',
  'encode',
  'decode',
  'issubset',
  'issuperset',
  'isdisjoint',
]);

export type ContainerUse = 'grow' | 'shrink' | 'store' | 'rebind' | 'read';

/**
 * How an occurrence of a container's name is used: `grow` (`x.append(v)`, `x[k] = v`, `x += ...`),
 * `shrink` (`x.pop()`, `del x[k]`, `x.clear()`), `rebind` (`x = ...`), `store` (handed elsewhere:
 * returned, yielded, assigned to an attribute or passed as an argument), or `read`.
 *
 * @example containerUse(nameNode, source) // 'grow' for the `items` in `items.append(x)`
 */
export function containerUse(name: SyntaxNode, source: string): ContainerUse {
  const parent = name.parent;
  if (!parent) return 'read';
  if (parent.name === 'MemberExpression' && parent.firstChild?.from === name.from) {
    const grand = parent.parent;
    const isSubscript = parent.lastChild?.name === ']';
    if (grand?.name === 'CallExpression' && grand.firstChild?.from === parent.from && !isSubscript) {
      const method = methodCall(grand, source)?.method ?? '';
      if (GROWING_METHODS.has(method)) return 'grow';
      if (SHRINKING_METHODS.has(method)) return 'shrink';
      return 'read';
    }
    if (isSubscript && grand && isTarget(grand, parent)) return grand.name === 'DeleteStatement' ? 'shrink' : 'grow';
    // `x[k].append(v)`: the container holds more afterwards (a defaultdict even gains a key).
    if (isSubscript && grand?.name === 'MemberExpression' && grand.parent?.name === 'CallExpression') {
      const method = methodCall(grand.parent, source)?.method ?? '';
      if (GROWING_METHODS.has(method)) return 'grow';
    }
    return 'read';
  }
  if (isTarget(parent, name)) {
    if (parent.name === 'UpdateStatement') return 'grow';
    if (parent.name === 'DeleteStatement') return 'shrink';
    return 'rebind';
  }
  switch (parent.name) {
    case 'ReturnStatement':
    case 'YieldStatement':
    case 'YieldExpression':
      return 'store';
    case 'ArgList': {
      const call = parent.parent;
      const callee = call?.firstChild;
      const fn = callee ? dottedName(callee, source) : undefined;
      if (fn !== undefined && READ_ONLY_FUNCTIONS.has(fn)) return 'read';
      const method = call ? methodCall(call, source)?.method : undefined;
      return method !== undefined && READ_ONLY_METHODS.has(method) ? 'read' : 'store';
    }
    case 'AssignStatement':
      return parent.firstChild?.name === 'MemberExpression' ? 'store' : 'read';
    default:
      return 'read';
  }
}

/** True when `node` is a target of the assignment, augmented assignment or `del` statement `statement`. */
export function isTarget(statement: SyntaxNode, node: SyntaxNode): boolean {
  if (statement.name === 'DeleteStatement') return true;
  if (statement.name !== 'AssignStatement' && statement.name !== 'UpdateStatement') return false;
  let lastOperator = -1;
  let isChild = false;
  for (let child = statement.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp' || child.name === 'UpdateOp') lastOperator = child.from;
    if (child.from === node.from && child.to === node.to) isChild = true;
  }
  return isChild && node.to <= lastOperator;
}
