import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall } from './calls.js';
import { GROWING_METHODS } from './mutation.js';
import type { RuleContext } from './rule.js';
import { assignedValue, assignmentTargets, childNamed, NESTED_SCOPES, rootName, treeRoot } from './syntax.js';
import { forEachNamed } from './walk.js';

const LINKING_NODES = new Set(['AssignStatement', 'CallExpression']);
/**
 * Observer, event-bus and tree APIs, by name: they keep what they are given, a bound method
 * included (`bus.subscribe(self.on_event)`, `button.connect('clicked', self.on_click)`,
 * `parent.add_child(self)`). Generic verbs (`register`, `bind`, `attach`) are left out: on real
 * code they mostly wire long-lived objects together by design.
 */
const OBSERVER_METHOD =
  /^(subscribe|connect|listen|watch|observe|on|add_?(listener|observer|handler|callback|subscriber|child)|append_?child)($|_|[A-Z])/i;

/** `holder` keeps a strong reference to `held`, made by the statement `node`. */
export interface ReferenceLink {
  readonly holder: string;
  readonly held: string;
  readonly node: SyntaxNode;
}

/**
 * The strong references a function body creates between its plain names: `a.x = b`,
 * `a.items.append(b)`, `a.items[k] = b`, and registrations `a.subscribe(b.handler)` (a bound method
 * holds `b`).
 * Values wrapped in a call (`weakref.ref(b)`) are not links. Nested functions are skipped; given
 * the module (`Script`), its top-level code.
 */
export function referenceLinks(def: SyntaxNode, source: string): ReferenceLink[] {
  const body = def.name === 'Script' ? def : childNamed(def, 'Body');
  if (!body) return [];
  const links: ReferenceLink[] = [];
  forEachNamed(body, LINKING_NODES, NESTED_SCOPES, (node) => {
    if (node.name === 'AssignStatement') assignmentLink(node, source, links);
    else callLink(node, source, links);
  });
  return links;
}

/** The first link that closes a cycle (`a` holds `b` and `b` holds `a`, or `a` holds itself), with the link it closes. */
export function firstCycle(
  links: readonly ReferenceLink[],
): { closing: ReferenceLink; opening: ReferenceLink } | undefined {
  const seen = new Map<string, ReferenceLink>();
  for (const link of links) {
    if (link.holder === link.held) return { closing: link, opening: link };
    const reverse = seen.get(`${link.held}\u0000${link.holder}`);
    if (reverse) return { closing: link, opening: reverse };
    const key = `${link.holder}\u0000${link.held}`;
    if (!seen.has(key)) seen.set(key, link);
  }
  return undefined;
}

function assignmentLink(statement: SyntaxNode, source: string, links: ReferenceLink[]) {
  const target = statement.firstChild;
  const op = target?.nextSibling;
  const value = op?.nextSibling;
  if (target?.name !== 'MemberExpression' || op?.name !== 'AssignOp' || !value || value.nextSibling) return;
  // An attribute somewhere in the target (`a.x = b`, `a.items[k] = b`): objects linking objects.
  // A bare subscript (`node[NEXT] = other`) is a hand-built linked structure, left alone.
  if (!hasAttribute(target)) return;
  const holder = rootName(target, source);
  // Only a plain name is held here: `a.x = b.y` copies an attribute of `b`, it does not hold `b`
  // (a bound method `b.m` would; rules that know the class's methods check for that).
  const held = value.name === 'VariableName' ? source.slice(value.from, value.to) : undefined;
  if (holder && held) links.push({ holder, held, node: statement });
}

function callLink(call: SyntaxNode, source: string, links: ReferenceLink[]) {
  const method = methodCall(call, source);
  if (!method) return;
  const growsContainer = GROWING_METHODS.has(method.method);
  if (!growsContainer && !OBSERVER_METHOD.test(method.method)) return;
  const holder = rootName(method.object, source);
  if (!holder) return;
  for (const arg of callArguments(call, source).args) {
    if (!arg.value || arg.star) continue;
    // A container keeps the objects it is given (`items.append(b)`); `d.update(b.attrs)` copies
    // items out of `b`. Only observer APIs are given bound methods (`b.handler` holds `b`).
    const held = growsContainer
      ? arg.value.name === 'VariableName'
        ? source.slice(arg.value.from, arg.value.to)
        : undefined
      : heldName(arg.value, source);
    if (held) links.push({ holder, held, node: call });
  }
}

/** `b` for the value `b` or `b.method`; nothing for calls, literals or deeper chains. */
function heldName(value: SyntaxNode, source: string): string | undefined {
  if (value.name === 'VariableName') return source.slice(value.from, value.to);
  if (
    value.name === 'MemberExpression' &&
    value.firstChild?.name === 'VariableName' &&
    value.lastChild?.name === 'PropertyName'
  ) {
    return source.slice(value.firstChild.from, value.firstChild.to);
  }
  return undefined;
}

/**
 * {@link referenceLinks} of a scope, computed once per analysis for all the rules that need them,
 * less those into a weak container of the file (`self._instances.add(self)` where
 * `_instances = WeakSet()`): a weak container holds nothing alive.
 */
export function sharedReferenceLinks(scope: SyntaxNode, ctx: RuleContext): ReferenceLink[] {
  return ctx.shared(`reference-links:${scope.name === 'Script' ? -1 : scope.from}`, () => {
    const links = referenceLinks(scope, ctx.source);
    if (links.length === 0) return links;
    const weak = ctx.shared('weak-containers', () => weakContainers(treeRoot(scope), ctx.source));
    if (weak.size === 0) return links;
    return links.filter((link) => !weak.has(lastName(containerOf(link.node, ctx.source), ctx.source) ?? ''));
  });
}

/** The container a link puts its value in: `c` of `c.add(v)`, `self.c` of `self.c[k] = v`; none for `a.x = v`. */
function containerOf(node: SyntaxNode, source: string): SyntaxNode | undefined {
  if (node.name === 'CallExpression') return methodCall(node, source)?.object;
  const target = node.firstChild;
  return target?.name === 'MemberExpression' && childNamed(target, '[') ? (target.firstChild ?? undefined) : undefined;
}

const WEAK_CONTAINERS = /^(?:weakref\.)?(?:WeakSet|WeakValueDictionary|WeakKeyDictionary)$/;

/**
 * The names (an attribute's last part: `_instances` for `self._instances` and `cls._instances`)
 * the file assigns a weak container to, annotated or not (`_instances: WeakSet[T] = WeakSet()`).
 */
function weakContainers(root: SyntaxNode, source: string): ReadonlySet<string> {
  const names = new Set<string>();
  forEachNamed(root, new Set(['AssignStatement']), new Set(), (statement) => {
    const value = assignedValue(statement);
    if (value?.name !== 'CallExpression' || !WEAK_CONTAINERS.test(calleeName(value, source) ?? '')) return;
    for (const target of assignmentTargets(statement)) {
      const name = lastName(target, source);
      if (name) names.add(name);
    }
  });
  return names;
}

/** `x` for `x`, `y` for `a.b.y`; nothing for other expressions. */
function lastName(node: SyntaxNode | undefined, source: string): string | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName') return source.slice(node.from, node.to);
  if (node.name === 'MemberExpression' && node.lastChild?.name === 'PropertyName')
    return source.slice(node.lastChild.from, node.lastChild.to);
  return undefined;
}

function hasAttribute(target: SyntaxNode): boolean {
  for (let node: SyntaxNode | null = target; node?.name === 'MemberExpression'; node = node.firstChild) {
    if (node.lastChild?.name === 'PropertyName') return true;
  }
  return false;
}
