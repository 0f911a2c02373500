import type { SyntaxNode } from '@lezer/common';
import { parameters } from './calls.js';
import { childNamed, NESTED_SCOPES } from './syntax.js';
import { annotationKind, valueKind, type ValueKind } from './value-kind.js';
import { forEachNamed } from './walk.js';

const BINDING_STATEMENTS = new Set(['AssignStatement', 'UpdateStatement', 'ForStatement', 'WithStatement']);
const NO_KINDS: ReadonlySet<ValueKind> = new Set();

/** The kinds of value each local name is assigned in one function or module. */
export interface ScopeBindings {
  kinds(name: string): ReadonlySet<ValueKind>;
}

/**
 * Per-analysis cache of scope bindings, so every scope is scanned at most once however many rules
 * ask (keeps the analysis linear).
 */
export class BindingsCache {
  private readonly byScope = new Map<number, ScopeBindings>();

  constructor(private readonly source: string) {}

  /** Bindings of the function (or module) a node runs in. */
  of(node: SyntaxNode): ScopeBindings {
    const scope = scopeOf(node);
    const key = scope.name === 'Script' ? -1 : scope.from;
    let bindings = this.byScope.get(key);
    if (!bindings) {
      bindings = collectBindings(scope, this.source);
      this.byScope.set(key, bindings);
    }
    return bindings;
  }
}

/** The function definition a node runs in, or the module (`Script`). */
export function scopeOf(node: SyntaxNode): SyntaxNode {
  let last = node;
  for (let parent = node.parent; parent; last = parent, parent = parent.parent) {
    if (parent.name === 'FunctionDefinition' || parent.name === 'LambdaExpression') return parent;
  }
  return last;
}

function collectBindings(scope: SyntaxNode, source: string): ScopeBindings {
  const kinds = new Map<string, Set<ValueKind>>();
  const add = (name: string, kind: ValueKind) => {
    const set = kinds.get(name);
    if (set) set.add(kind);
    else kinds.set(name, new Set([kind]));
  };

  if (scope.name === 'FunctionDefinition' || scope.name === 'LambdaExpression') {
    for (const param of parameters(scope, source)) {
      if (!param.keyword || param.star) continue;
      const typeDef = param.name?.nextSibling?.name === 'TypeDef' ? param.name.nextSibling : null;
      if (typeDef) add(param.keyword, annotationKind(typeDef, source));
      else add(param.keyword, param.value ? valueKind(param.value, source) : 'unknown');
    }
  }

  const body = scope.name === 'Script' ? scope : childNamed(scope, 'Body');
  if (!body) return { kinds: () => NO_KINDS };
  forEachNamed(body, BINDING_STATEMENTS, NESTED_SCOPES, (node) => {
    if (node.name === 'AssignStatement') {
      recordAssignment(node, source, add);
    } else if (node.name === 'UpdateStatement') {
      const target = node.firstChild;
      if (target?.name === 'VariableName') add(source.slice(target.from, target.to), 'unknown');
    } else {
      recordBlockTargets(node, source, add);
    }
  });
  return { kinds: (name) => kinds.get(name) ?? NO_KINDS };
}

/** `x = v`, `x: T = v`, `a = b = v`; tuple targets and values are `unknown`. */
function recordAssignment(node: SyntaxNode, source: string, add: (name: string, kind: ValueKind) => void) {
  const targets: SyntaxNode[] = [];
  let typeDef: SyntaxNode | null = null;
  let value: SyntaxNode | null = null;
  let commaAfterLastOp = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp') {
      if (value) targets.push(value);
      value = null;
      commaAfterLastOp = false;
    } else if (child.name === 'TypeDef') {
      typeDef = child;
    } else if (child.name === ',') {
      commaAfterLastOp = true;
      if (value) targets.push(value);
      value = null;
    } else {
      value = child;
    }
  }
  if (value && targets.length === 0) {
    // `x: int` with no value: only an annotation.
    if (typeDef && value.name === 'VariableName')
      add(source.slice(value.from, value.to), annotationKind(typeDef, source));
    return;
  }
  const kind: ValueKind = value && !commaAfterLastOp ? valueKind(value, source) : 'unknown';
  const annotated = typeDef ? annotationKind(typeDef, source) : undefined;
  for (const target of targets) {
    if (target.name === 'VariableName') add(source.slice(target.from, target.to), annotated ?? kind);
  }
}

function recordBlockTargets(node: SyntaxNode, source: string, add: (name: string, kind: ValueKind) => void) {
  let sawAs = false;
  let previous: SyntaxNode | null = null;
  for (let child = node.firstChild; child && child.name !== 'Body'; child = child.nextSibling) {
    if (node.name === 'ForStatement') {
      if (child.name === 'in') break;
      if (child.name === 'VariableName') add(source.slice(child.from, child.to), 'unknown');
    } else if (child.name === 'as') {
      sawAs = true;
    } else if (sawAs && child.name === 'VariableName') {
      add(source.slice(child.from, child.to), previous ? valueKind(previous, source) : 'unknown');
      sawAs = false;
    } else if (child.name !== ',') {
      previous = child;
    }
  }
}
