import type { SyntaxNode } from '@lezer/common';

/** Navigation over `@lezer/python` trees: names, scopes, loops, decorators. */

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
  while (current && (current.name === 'MemberExpression' || current.name === 'CallExpression'))
    current = current.firstChild;
  return current?.name === 'VariableName' ? source.slice(current.from, current.to) : undefined;
}

/** Nodes that open a scope of their own: a name inside one is not the enclosing scope's name. */
export const NESTED_SCOPES: ReadonlySet<string> = new Set([
  'FunctionDefinition',
  'ClassDefinition',
  'LambdaExpression',
]);
const LOOPS = new Set(['ForStatement', 'WhileStatement']);

/**
 * The innermost `for`/`while` whose body (not its `else`, not its header) contains the node,
 * without leaving the node's function or class.
 */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | undefined {
  let child: SyntaxNode = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (NESTED_SCOPES.has(parent.name)) return undefined;
    if (LOOPS.has(parent.name) && child.name === 'Body' && childNamed(parent, 'Body')?.from === child.from)
      return parent;
  }
  return undefined;
}

/** The tree's root (the `Script`) above a node: the whole file. */
export function treeRoot(node: SyntaxNode): SyntaxNode {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
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
    if (NESTED_SCOPES.has(parent.name)) return false;
  }
  return true;
}

/** The decorators of a `def` or `class` (empty when it has none). */
export function decorators(def: SyntaxNode): SyntaxNode[] {
  const parent = def.parent;
  if (parent?.name !== 'DecoratedStatement') return [];
  return childNodes(parent).filter((n) => n.name === 'Decorator');
}

/**
 * A decorator's dotted name (`functools.lru_cache`) and its argument list node, if called. Any
 * other decorator expression (PEP 614: `@handlers[0]`, `@a or b`) has an empty name.
 */
export function decoratorTarget(decorator: SyntaxNode, source: string): { name: string; args?: SyntaxNode } {
  const expression = decorator.firstChild?.nextSibling;
  if (!expression) return { name: '' };
  if (expression.name === 'CallExpression' && expression.firstChild && expression.lastChild?.name === 'ArgList') {
    return { name: dottedName(expression.firstChild, source) ?? '', args: expression.lastChild };
  }
  return { name: dottedName(expression, source) ?? '' };
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
