import type { SyntaxNode } from '@lezer/common';
import { childNamed, dottedName } from './syntax.js';

/**
 * Calls, their arguments and `def` parameters. `@lezer/python` keeps argument and parameter lists
 * flat (`VariableName AssignOp value` for a keyword); these helpers give them structure.
 */

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

/** A collision-free key for a call's span (exact for sources under ~90 million characters). */
function spanKey(node: SyntaxNode, source: string): number | undefined {
  if (node.name !== 'CallExpression') return undefined;
  if (source !== memoSource) {
    clearSyntaxMemo();
    memoSource = source;
  }
  return node.from * (source.length + 1) + node.to;
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
      const star = first?.name === '*' || first?.name === '**' ? first.name : undefined;
      const name = segment.find((n) => n.name === 'VariableName');
      const eq = segment.findIndex((n) => n.name === 'AssignOp');
      const value = eq >= 0 ? segment[eq + 1] : undefined;
      params.push({
        ...(star && { star }),
        ...(name && { name, keyword: source.slice(name.from, name.to) }),
        ...(value && { value }),
      });
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
    return { star: first.name, ...(second && { value: second }) };
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
