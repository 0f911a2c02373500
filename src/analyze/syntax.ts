import type { SyntaxNode } from '@lezer/common';

/**
 * Small, allocation-light helpers over `@lezer/python` trees. The grammar keeps argument lists,
 * parameter lists and decorators flat (`VariableName AssignOp value` for a keyword), so these
 * helpers give them structure.
 */

/** Direct children of a node, tokens included. */
export function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** The first direct child with one of the given names. */
export function childNamed(node: SyntaxNode, ...names: string[]): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (names.includes(child.name)) return child;
  }
  return null;
}

/** `a`, `a.b.c` for variable and attribute chains; `undefined` for anything else (calls, subscripts). */
export function dottedName(node: SyntaxNode, source: string): string | undefined {
  if (node.name === 'VariableName') return source.slice(node.from, node.to);
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.lastChild;
  if (!object || property?.name !== 'PropertyName' || object.nextSibling?.name !== '.') return undefined;
  const base = dottedName(object, source);
  return base === undefined ? undefined : `${base}.${source.slice(property.from, property.to)}`;
}

/** The leftmost variable of an attribute/subscript/call chain: `self` for `self.items[0].append`. */
export function rootName(node: SyntaxNode, source: string): string | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.name === 'MemberExpression' || current.name === 'CallExpression')) current = current.firstChild;
  return current?.name === 'VariableName' ? source.slice(current.from, current.to) : undefined;
}

/** The object and method name of `obj.method(...)`. */
export interface MethodCall {
  readonly object: SyntaxNode;
  readonly method: string;
}

/** For `obj.method(...)`: the object and the method name (memoized per node, like {@link calleeName}). */
export function methodCall(call: SyntaxNode, source: string): MethodCall | undefined {
  return memoized(methodMemo, call, source, () => splitMethodCall(call, source) ?? null) ?? undefined;
}

function splitMethodCall(call: SyntaxNode, source: string): MethodCall | undefined {
  const callee = call.firstChild;
  if (callee?.name !== 'MemberExpression') return undefined;
  const object = callee.firstChild;
  const property = callee.lastChild;
  if (!object || property?.name !== 'PropertyName' || object.nextSibling?.name !== '.') return undefined;
  return { object, method: source.slice(property.from, property.to) };
}

/** One argument of a call, parameter of a def, or item of a flat list. */
export interface Argument {
  /** Keyword name (`b` in `f(b=1)`). */
  readonly keyword?: string;
  /** `*` or `**` for unpacked arguments. */
  readonly star?: '*' | '**';
  /** The value expression (the default, for a parameter); undefined for a bare `*` separator. */
  readonly value?: SyntaxNode;
  /** The name node, for parameters. */
  readonly name?: SyntaxNode;
}

/** A call's arguments; `generator` is true for `f(x for x in y)`, whose only argument is a generator expression. */
export interface CallArguments {
  readonly args: readonly Argument[];
  readonly generator: boolean;
}

const PUNCTUATION = new Set(['(', ')', ',', 'Comment']);

/**
 * Per-call memo for the helpers every rule calls on the same `CallExpression` (callee, method,
 * arguments), keyed by the call's span, so each is worked out once per analysis however many
 * rules ask and whichever node object they hold. Maps keyed by numbers, not WeakMaps: far less GC
 * work. Reset whenever the source text changes; `clearSyntaxMemo` frees it after an analysis.
 */
let memoSource: string | undefined;
const calleeMemo = new Map<number, string | null>();
const methodMemo = new Map<number, MethodCall | null>();
const argumentsMemo = new Map<number, CallArguments>();

/** A collision-free key for a node's span (exact while offsets stay under 4 Mi characters). */
function spanKey(node: SyntaxNode, source: string): number | undefined {
  if (node.name !== 'CallExpression') return undefined;
  if (source !== memoSource) {
    clearSyntaxMemo();
    memoSource = source;
  }
  return node.from * 4_194_304 + node.to;
}

/** Drops the per-call memo (the analyzer calls it when an analysis ends). */
export function clearSyntaxMemo(): void {
  memoSource = undefined;
  calleeMemo.clear();
  methodMemo.clear();
  argumentsMemo.clear();
}

function memoized<T>(memo: Map<number, T>, node: SyntaxNode, source: string, compute: () => T): T {
  const key = spanKey(node, source);
  if (key === undefined) return compute();
  let value = memo.get(key);
  if (value === undefined && !memo.has(key)) {
    value = compute();
    memo.set(key, value);
  }
  return value as T;
}

/** The dotted name of a call's callee (`np.append` for `np.append(a, x)`), if it is a plain name chain. */
export function calleeName(call: SyntaxNode, source: string): string | undefined {
  return (
    memoized(calleeMemo, call, source, () => {
      const callee = call.firstChild;
      return (callee && dottedName(callee, source)) ?? null;
    }) ?? undefined
  );
}

/** Splits a flat `ArgList` into arguments. */
export function callArguments(call: SyntaxNode, source: string): CallArguments {
  return memoized(argumentsMemo, call, source, () => splitArguments(call, source));
}

function splitArguments(call: SyntaxNode, source: string): CallArguments {
  const list = call.lastChild;
  if (list?.name !== 'ArgList') return { args: [], generator: false };
  const args: Argument[] = [];
  let generator = false;
  let segment: SyntaxNode[] = [];
  const flush = () => {
    if (segment.length > 0) args.push(toArgument(segment, source));
    segment = [];
  };
  for (let child = list.firstChild; child; child = child.nextSibling) {
    if (child.name === 'for') generator = true;
    if (child.name === ',') flush();
    else if (!PUNCTUATION.has(child.name)) segment.push(child);
  }
  flush();
  return { args: generator ? [] : args, generator };
}

/** The parameters of a `def` (or lambda) with their default values. */
export function parameters(def: SyntaxNode, source: string): Argument[] {
  const list = childNamed(def, 'ParamList');
  if (!list) return [];
  const params: Argument[] = [];
  let segment: SyntaxNode[] = [];
  const flush = () => {
    if (segment.length > 0) {
      const first = segment[0];
      const star = first?.name === '*' || first?.name === '**' ? (first.name as '*' | '**') : undefined;
      const name = segment.find((n) => n.name === 'VariableName');
      const eq = segment.findIndex((n) => n.name === 'AssignOp');
      const value = eq >= 0 ? segment[eq + 1] : undefined;
      params.push({ ...(star && { star }), ...(name && { name, keyword: source.slice(name.from, name.to) }), ...(value && { value }) });
    }
    segment = [];
  };
  for (let child = list.firstChild; child; child = child.nextSibling) {
    if (child.name === ',') flush();
    else if (!PUNCTUATION.has(child.name) && child.name !== 'TypeDef') segment.push(child);
  }
  flush();
  return params;
}

function toArgument(segment: SyntaxNode[], source: string): Argument {
  const [first, second, third] = segment;
  if (first && (first.name === '*' || first.name === '**')) {
    return { star: first.name as '*' | '**', ...(second && { value: second }) };
  }
  if (first?.name === 'VariableName' && second?.name === 'AssignOp') {
    return { keyword: source.slice(first.from, first.to), ...(third && { value: third }) };
  }
  return first ? { value: first } : {};
}

/** The keyword argument `name=` of a call, if given. */
export function keywordArgument(args: CallArguments, name: string): SyntaxNode | undefined {
  return args.args.find((a) => a.keyword === name)?.value;
}

/** Positional (non-keyword, non-star) arguments of a call. */
export function positionalArguments(args: CallArguments): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const a of args.args) if (!a.keyword && !a.star && a.value) out.push(a.value);
  return out;
}

const SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);
const LOOPS = new Set(['ForStatement', 'WhileStatement']);

/**
 * The innermost `for`/`while` whose body (not its `else`, not its header) contains the node,
 * without leaving the node's function or class.
 */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | undefined {
  let child: SyntaxNode = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (SCOPES.has(parent.name)) return undefined;
    if (LOOPS.has(parent.name) && child.name === 'Body' && childNamed(parent, 'Body')?.from === child.from) return parent;
  }
  return undefined;
}

/** The innermost `def` around a node (its body or signature), or `undefined` at module/class level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name === 'FunctionDefinition' || parent.name === 'LambdaExpression') return parent;
    if (parent.name === 'ClassDefinition') return undefined;
  }
  return undefined;
}

/** The class whose body directly defines this `def` (so the `def` is a method). */
export function owningClass(def: SyntaxNode): SyntaxNode | undefined {
  let parent = def.parent;
  if (parent?.name === 'DecoratedStatement') parent = parent.parent;
  return parent?.name === 'Body' && parent.parent?.name === 'ClassDefinition' ? parent.parent : undefined;
}

/** True for a statement directly in the module (not in a def or class; `if`/`try`/`with` blocks count as module level). */
export function isModuleLevel(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (SCOPES.has(parent.name)) return false;
  }
  return true;
}

/** The decorators of a `def` or `class` (empty when it has none). */
export function decorators(def: SyntaxNode): SyntaxNode[] {
  const parent = def.parent;
  if (parent?.name !== 'DecoratedStatement') return [];
  return childNodes(parent).filter((n) => n.name === 'Decorator');
}

/** A decorator's dotted name (`functools.lru_cache`) and its argument list node, if called. */
export function decoratorTarget(decorator: SyntaxNode, source: string): { name: string; args?: SyntaxNode } {
  let name = '';
  let args: SyntaxNode | undefined;
  for (let child = decorator.firstChild; child; child = child.nextSibling) {
    if (child.name === 'VariableName') name += source.slice(child.from, child.to);
    else if (child.name === '.') name += '.';
    else if (child.name === 'ArgList') args = child;
  }
  return args ? { name, args } : { name };
}

/** The name a `def`/`class` defines. */
export function definedName(def: SyntaxNode, source: string): string | undefined {
  const name = childNamed(def, 'VariableName');
  return name ? source.slice(name.from, name.to) : undefined;
}

/** Names bound by `for` targets, `with ... as`, assignments: the VariableName children before `in`/`=`. */
export function assignmentTargets(statement: SyntaxNode): SyntaxNode[] {
  const targets: SyntaxNode[] = [];
  let child = statement.firstChild;
  while (child && child.name !== 'AssignOp' && child.name !== 'UpdateOp' && child.name !== 'TypeDef') {
    if (child.name !== ',') targets.push(child);
    child = child.nextSibling;
  }
  return targets;
}

/** The value of a simple `target = value` assignment (the last expression after the last `=`). */
export function assignedValue(statement: SyntaxNode): SyntaxNode | undefined {
  const last = statement.lastChild;
  return last && last.name !== 'AssignOp' && last.name !== 'TypeDef' ? last : undefined;
}

/** Walks a subtree depth-first, in document order (iteratively, so deep nesting cannot overflow the stack). Return `false` to skip a node's children. */
export function forEachDescendant(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const cursor = node.cursor();
  if (!cursor.firstChild()) return;
  let depth = 1;
  for (;;) {
    if (visit(cursor.node) !== false && cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      cursor.parent();
      if (--depth === 0) return;
    }
  }
}

/**
 * Like {@link forEachDescendant} but driven by node names, so only the nodes asked for are
 * materialized: `visit` runs for nodes named in `names`, and the children of nodes named in `skip`
 * are not entered. The cheap way to scan a large subtree.
 */
export function forEachNamed(
  node: SyntaxNode,
  names: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  visit: (n: SyntaxNode) => void,
): void {
  const cursor = node.cursor();
  if (!cursor.firstChild()) return;
  let depth = 1;
  for (;;) {
    const name = cursor.name;
    if (names.has(name)) visit(cursor.node);
    if (!skip.has(name) && cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      cursor.parent();
      if (--depth === 0) return;
    }
  }
}
