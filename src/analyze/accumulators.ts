import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall, positionalArguments } from './calls.js';
import { constantInt } from './constant-int.js';
import { childNamed, dottedName, enclosingLoop, NESTED_SCOPES } from './syntax.js';
import { forEachDescendant } from './walk.js';

/**
 * Data flow for "grown in a loop" rules: a value is quadratic to build only when it is an
 * accumulator carried from one iteration to the next (assigned before the loop, grown inside it,
 * never reset inside it), in a loop that repeats a number of times the code does not bound.
 */

/** Loops whose iteration count is a small constant: a literal, `range(N)` with N at most this. */
export const SMALL_LOOP = 100;

const LITERAL_ITERABLES = new Set([
  'ArrayExpression',
  'TupleExpression',
  'SetExpression',
  'DictionaryExpression',
  'String',
  'ContinuedString',
]);
const PASS_THROUGH = new Set(['enumerate', 'zip', 'sorted', 'reversed', 'list', 'tuple', 'set', 'dict', 'iter']);
const DICT_VIEWS = new Set(['items', 'keys', 'values']);

/** The loops an accumulator is carried across, innermost first, and the outermost of them. */
export interface CarriedLoops {
  readonly loops: readonly SyntaxNode[];
  /** Where a rewrite collects the pieces: before this loop, joined after it. */
  readonly outermost: SyntaxNode;
}

/**
 * The loops whose iterations carry `target` (the text of a name or attribute chain) when `growth`
 * grows it, or `undefined` when it is not an accumulator that grows without bound: it is the loop
 * variable or is reset (rebound) inside every enclosing loop, a `return`/`raise` follows the growth,
 * or every loop that carries it is bounded by a small constant (a literal, `range(10)`,
 * `while len(s) < 8`, a `break` once `len(s)` passes a constant; a `break` right after the growth
 * makes its own loop run it once).
 *
 * @example
 * // s = ''                          ← carried: reported
 * // for w in words: s += w
 * // for option in options:           ← reset every iteration: not carried
 * //     prefix = name(option); prefix += '='
 */
export function carriedLoops(growth: SyntaxNode, target: string, source: string): CarriedLoops | undefined {
  // Outside any loop nothing is carried; asked first because `exitAfter` reads the rest of the
  // statement's block, which at a module's top level is the rest of the file.
  const innermost = enclosingLoop(growth);
  if (!innermost) return undefined;
  const exit = exitAfter(growth);
  if (exit === 'function') return undefined;
  const root = target.split('.')[0] ?? target;
  const loops: SyntaxNode[] = [];
  let unbounded = false;
  for (let loop: SyntaxNode | undefined = innermost; loop; loop = enclosingLoop(loop)) {
    if (loopTargets(loop, source).has(root) || rebindsInside(loop, target, root, growth, source)) break;
    loops.push(loop);
    const once = exit === 'loop' && loops.length === 1;
    if (!once && !isBoundedLoop(loop, target, source)) unbounded = true;
  }
  const outermost = loops[loops.length - 1];
  return unbounded && outermost ? { loops, outermost } : undefined;
}

/** The innermost loop that carries `target`, or `undefined` (see {@link carriedLoops}). */
export function carriedLoop(growth: SyntaxNode, target: string, source: string): SyntaxNode | undefined {
  return carriedLoops(growth, target, source)?.loops[0];
}

/**
 * What follows the statement in its own block: `return`/`raise` (it runs at most once per call),
 * `break` (once per run of its loop), or nothing that stops it repeating.
 */
function exitAfter(statement: SyntaxNode): 'function' | 'loop' | undefined {
  let node: SyntaxNode = statement;
  while (node.parent && node.parent.name !== 'Body' && node.parent.name !== 'Script') node = node.parent;
  for (let next = node.nextSibling; next; next = next.nextSibling) {
    if (next.name === 'ReturnStatement' || next.name === 'RaiseStatement') return 'function';
    if (next.name === 'BreakStatement') return 'loop';
  }
  return undefined;
}

/** The names a `for` statement binds in its header. */
function loopTargets(loop: SyntaxNode, source: string): Set<string> {
  const names = new Set<string>();
  if (loop.name !== 'ForStatement') return names;
  for (let child = loop.firstChild; child && child.name !== 'in'; child = child.nextSibling) {
    if (child.name === 'VariableName') names.add(source.slice(child.from, child.to));
    else
      forEachDescendant(child, (n) => {
        if (n.name === 'VariableName') names.add(source.slice(n.from, n.to));
      });
  }
  return names;
}

/**
 * True when the loop body binds `target` (or the root of an attribute chain) to a fresh value
 * anywhere: `s = ...` that is not `s = s + ...`, a nested `for s in`, `with ... as s`.
 */
function rebindsInside(loop: SyntaxNode, target: string, root: string, growth: SyntaxNode, source: string): boolean {
  const body = childNamed(loop, 'Body');
  if (!body) return false;
  let rebound = false;
  forEachDescendant(body, (node) => {
    if (rebound || NESTED_SCOPES.has(node.name)) return false;
    if (
      node.name === 'AssignStatement' &&
      node.from !== growth.from &&
      !initializesWhenEmpty(node, loop, target, source)
    ) {
      const value = node.lastChild;
      for (const t of assignedTargets(node)) {
        const name = dottedName(t, source);
        if (name === root || (name === target && !(value && mentions(value, target, source)))) rebound = true;
      }
    } else if (node.name === 'ForStatement' || node.name === 'WithStatement') {
      if (loopTargets(node, source).has(root) || withTargets(node, source).has(root)) rebound = true;
    }
    return !rebound;
  });
  return rebound;
}

/**
 * `if acc is None: acc = first` (or `if not acc:`) inside the loop: the first iteration starts the
 * accumulator; later ones grow it. Not a reset.
 */
function initializesWhenEmpty(assignment: SyntaxNode, loop: SyntaxNode, target: string, source: string): boolean {
  for (let parent = assignment.parent; parent && parent.from !== loop.from; parent = parent.parent) {
    if (parent.name !== 'IfStatement') continue;
    const condition = parent.firstChild?.nextSibling;
    if (!condition) continue;
    const text = source.slice(condition.from, condition.to).replace(/\s+/g, ' ');
    if (text === `${target} is None` || text === `not ${target}` || text === `len(${target}) == 0`) return true;
  }
  return false;
}

/** The target expressions of `a = b = value` / `a, b = value`. */
function assignedTargets(statement: SyntaxNode): SyntaxNode[] {
  const targets: SyntaxNode[] = [];
  let lastOp: SyntaxNode | null = null;
  for (let child = statement.firstChild; child; child = child.nextSibling)
    if (child.name === 'AssignOp') lastOp = child;
  for (let child = statement.firstChild; child && lastOp && child.from < lastOp.from; child = child.nextSibling) {
    if (child.name === 'VariableName' || child.name === 'MemberExpression') targets.push(child);
    else if (
      child.name === 'TupleExpression' ||
      child.name === 'ArrayExpression' ||
      child.name === 'ParenthesizedExpression'
    ) {
      forEachDescendant(child, (n) => {
        if (n.name === 'VariableName') targets.push(n);
      });
    }
  }
  return targets;
}

function withTargets(statement: SyntaxNode, source: string): Set<string> {
  const names = new Set<string>();
  if (statement.name !== 'WithStatement') return names;
  let afterAs = false;
  for (let child = statement.firstChild; child && child.name !== 'Body'; child = child.nextSibling) {
    if (child.name === 'as') afterAs = true;
    else if (afterAs) {
      if (child.name === 'VariableName') names.add(source.slice(child.from, child.to));
      else
        forEachDescendant(child, (n) => {
          if (n.name === 'VariableName') names.add(source.slice(n.from, n.to));
        });
      afterAs = false;
    }
  }
  return names;
}

/** True when `expression` reads `target` (the name or attribute chain). */
export function mentions(expression: SyntaxNode, target: string, source: string): boolean {
  if (dottedName(expression, source) === target) return true;
  let found = false;
  forEachDescendant(expression, (n) => {
    if (found) return false;
    if ((n.name === 'VariableName' || n.name === 'MemberExpression') && dottedName(n, source) === target) found = true;
    return !found;
  });
  return found;
}

/**
 * A loop that runs a small, constant number of times, or stops growing `target` once its length
 * passes a constant: `for x in (a, b, c)`, `for i in range(3)`, `while len(s) < 8`,
 * `if len(s) > 60: break`.
 */
export function isBoundedLoop(loop: SyntaxNode, target: string, source: string): boolean {
  if (loop.name === 'ForStatement') {
    const inKeyword = childNamed(loop, 'in');
    const iterable = inKeyword?.nextSibling;
    if (
      iterable &&
      iterable.name !== 'Body' &&
      iterable.nextSibling?.name === 'Body' &&
      isSmallIterable(iterable, source)
    )
      return true;
  } else {
    const condition = loop.firstChild?.nextSibling;
    if (condition && condition.name !== 'Body' && comparesLengthToConstant(condition, target, source)) return true;
  }
  const body = childNamed(loop, 'Body');
  let guarded = false;
  if (body) {
    forEachDescendant(body, (node) => {
      if (guarded || NESTED_SCOPES.has(node.name)) return false;
      if (node.name === 'IfStatement') {
        const condition = node.firstChild?.nextSibling;
        const then = childNamed(node, 'Body');
        if (condition && then && comparesLengthToConstant(condition, target, source) && containsBreak(then))
          guarded = true;
      }
      return !guarded;
    });
  }
  return guarded;
}

/** A literal collection or string, `range(N)` with a small constant N, or a pass-through of one (`enumerate([...])`, `d.items()` of a literal). */
export function isSmallIterable(node: SyntaxNode, source: string): boolean {
  if (LITERAL_ITERABLES.has(node.name)) return true;
  if (node.name === 'ParenthesizedExpression') {
    const inner = node.firstChild?.nextSibling;
    return inner !== null && inner !== undefined && inner.name !== ')' && isSmallIterable(inner, source);
  }
  if (node.name !== 'CallExpression') return false;
  const name = calleeName(node, source);
  const args = callArguments(node, source);
  const positional = positionalArguments(args);
  if (name === 'range') {
    const bounds = positional.map((n) => constantInt(n, source));
    if (bounds.length === 0 || bounds.some((b) => b === undefined)) return false;
    const [a = 0, b, step = 1] = bounds as number[];
    const [start, stop] = bounds.length === 1 ? [0, a] : [a, b ?? 0];
    return step !== 0 && Math.ceil((stop - start) / step) <= SMALL_LOOP;
  }
  // dict(a=1, b=2): keyword arguments only.
  if (name === 'dict' && positional.length === 0 && args.args.length > 0 && args.args.every((a) => a.keyword))
    return true;
  if (name !== undefined && PASS_THROUGH.has(name))
    return positional.length > 0 && positional.every((n) => isSmallIterable(n, source));
  const method = methodCall(node, source);
  return method !== undefined && DICT_VIEWS.has(method.method) && isSmallIterable(method.object, source);
}

/** `len(target) < 8`, `8 >= len(target)`, `len(target) > 60`: the length of the target against a constant. */
function comparesLengthToConstant(condition: SyntaxNode, target: string, source: string): boolean {
  let found = false;
  const check = (node: SyntaxNode) => {
    if (node.name !== 'BinaryExpression') return;
    const left = node.firstChild;
    const op = left?.nextSibling;
    const right = node.lastChild;
    if (!left || !op || !right || op.name !== 'CompareOp') return;
    const isLength = (n: SyntaxNode) =>
      n.name === 'CallExpression' &&
      calleeName(n, source) === 'len' &&
      positionalArguments(callArguments(n, source)).some((a) => dottedName(a, source) === target);
    if (
      (isLength(left) && constantInt(right, source) !== undefined) ||
      (isLength(right) && constantInt(left, source) !== undefined)
    )
      found = true;
  };
  check(condition);
  forEachDescendant(condition, (n) => {
    check(n);
    return !found;
  });
  return found;
}

function containsBreak(block: SyntaxNode): boolean {
  let found = false;
  forEachDescendant(block, (n) => {
    if (found || n.name === 'ForStatement' || n.name === 'WhileStatement' || NESTED_SCOPES.has(n.name)) return false;
    if (n.name === 'BreakStatement') found = true;
    return !found;
  });
  return found;
}
