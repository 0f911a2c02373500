import type { SyntaxNode } from '@lezer/common';
import { callArguments, keywordArgument, parameters } from '../calls.js';
import { containerUse } from '../mutation.js';
import type { Rule } from '../rule.js';
import { assignedValue, dottedName, enclosingFunction, isModuleLevel } from '../syntax.js';
import { valueKind } from '../value-kind.js';
import { forEachDescendant } from '../walk.js';

const DEQUES = new Set(['deque', 'collections.deque']);
/** What can follow a name that is grown, shrunk or rebound (`x.append`, `x[k] =`, `x +=`, `x =`): a cheap first filter. */
const MAY_CHANGE_AFTER = new Set(['.', '[', '=', '+', '-', '*', '/', '|', '&', '^', '%', '<', '>', '@']);
/** Where a name can be grown, shrunk or rebound (see `containerUse`); other uses are skipped early. */
const USE_PARENTS = new Set(['MemberExpression', 'AssignStatement', 'UpdateStatement', 'DeleteStatement']);

interface ModuleContainer {
  readonly kind: string;
  readonly line: SyntaxNode;
}

/**
 * A module-level list/dict/set/deque (annotated or not) that functions add to and nothing removes
 * from: it only grows, for the life of the process, and keeps everything in it alive. Registries
 * are left alone: a decorator that files what it decorates (`REGISTRY[f.__name__] = f; return f`),
 * or a function named as a registration API that keeps what it is given (`def watch(path):
 * _watched.add(path)`, `def register_role(name, fn): _roles[name] = fn`).
 *
 * Info, not warning: whether such growth matters depends on how many keys a process sees and how
 * long it lives, which the code does not say; on the tuning corpus none of its findings was worth
 * acting on (0 true, 1 false, 2 debatable: caches bounded by the names that exist, per-run memos).
 */
export const globalContainerGrowth: Rule = {
  id: 'global-container-growth',
  severity: 'info',
  summary: 'Module-level container that functions add to and nothing removes from',
  triggers: ['def'],
  create(ctx) {
    const containers = new Map<string, ModuleContainer>();
    const growth = new Map<string, SyntaxNode[]>();
    const shrunk = new Set<string>();
    /** Functions called somewhere inside a function (so possibly more than once, later). */
    const calledFromFunctions = new Set<string>();
    /** Functions called by module-level code (at import). */
    const calledAtImport = new Set<string>();
    /** Functions deleted at module level after use (`del _init`): they ran at import only. */
    const deleted = new Set<string>();
    return {
      enter: {
        CallExpression(call) {
          const callee = call.firstChild;
          if (callee?.name !== 'VariableName') return;
          (enclosingFunction(call) ? calledFromFunctions : calledAtImport).add(ctx.text(callee));
        },
        DeleteStatement(statement) {
          if (!isModuleLevel(statement)) return;
          for (let child = statement.firstChild; child; child = child.nextSibling)
            if (child.name === 'VariableName') deleted.add(ctx.text(child));
        },
        AssignStatement(statement) {
          if (statement.parent?.name !== 'Script' && !isModuleLevel(statement)) return;
          const target = statement.firstChild;
          const value = assignedValue(statement);
          // `cache = {}` or, annotated, `memo: dict[int, int] = {}`.
          const op = target?.nextSibling?.name === 'TypeDef' ? target.nextSibling.nextSibling : target?.nextSibling;
          if (target?.name !== 'VariableName' || op?.name !== 'AssignOp' || !value || value === target) return;
          const kind = containerKind(value, ctx.source);
          if (kind && !containers.has(ctx.text(target))) containers.set(ctx.text(target), { kind, line: statement });
        },
        VariableName(name) {
          if (!MAY_CHANGE_AFTER.has(nextNonSpace(ctx.source, name.to)) || !USE_PARENTS.has(name.parent?.name ?? ''))
            return;
          const fn = enclosingFunction(name);
          if (!fn) return;
          const use = containerUse(name, ctx.source);
          const text = ctx.text(name);
          if (use === 'shrink' || use === 'rebind') shrunk.add(text);
          if (use !== 'grow' || ctx.kindsOf(text, name).size > 0 || isRegistration(name, fn, ctx.source)) return;
          const sites = growth.get(text);
          if (sites) sites.push(name);
          else growth.set(text, [name]);
        },
      },
      finish() {
        /** A private function called by module-level code and by no function, or deleted after its call: it fills the container once, at import. */
        const runsAtImportOnly = (site: SyntaxNode) => {
          const fn = enclosingFunction(site);
          const name = fn?.getChild('VariableName');
          const fnName = name ? ctx.text(name) : undefined;
          if (fnName === undefined || owningClassOf(fn) !== undefined) return false;
          return (
            deleted.has(fnName) ||
            (fnName.startsWith('_') && calledAtImport.has(fnName) && !calledFromFunctions.has(fnName))
          );
        };
        for (const [name, sites] of growth) {
          const container = containers.get(name);
          const live = sites.filter((site) => !runsAtImportOnly(site));
          const first = live[0];
          if (!container || !first || shrunk.has(name)) continue;
          const statement = growingStatement(first);
          const fn = enclosingFunction(first);
          const fnName = fn?.getChild('VariableName');
          ctx.report({
            node: statement,
            message: `\`${name}\` is a module-level ${container.kind} that ${fnName ? `\`${ctx.text(fnName)}()\`` : 'a function'} adds to and nothing removes from: it grows for the life of the process.`,
            suggestion:
              'Pass the container in and return results instead of accumulating in a global; if it is a cache, bound it ' +
              '(`functools.lru_cache(maxsize=...)`, `collections.deque(maxlen=...)`) or clear it when the work is done.',
          });
        }
      },
    };
  },
};

function containerKind(value: SyntaxNode, source: string): string | undefined {
  const kind = valueKind(value, source);
  if (kind === 'list' || kind === 'dict' || kind === 'set') return kind;
  if (value.name === 'CallExpression' && value.firstChild && DEQUES.has(dottedName(value.firstChild, source) ?? '')) {
    const args = callArguments(value, source);
    return keywordArgument(args, 'maxlen') || args.args.length > 1 ? undefined : 'deque';
  }
  return undefined;
}

/**
 * A decorator filling a registry at import time: `def register(fn): REGISTRY[...] = fn; return fn`,
 * or one that returns a wrapper it defines (`def deco(f): CLEANUPS.append(...); def inner(...): ...; return inner`).
 */
function isRegistration(site: SyntaxNode, fn: SyntaxNode, source: string): boolean {
  if (returnsNestedFunction(fn, source)) return true;
  const params = new Set(parameters(fn, source).map((p) => p.keyword));
  const statement = growingStatement(site);
  const name = fn.getChild('VariableName');
  if (
    name &&
    REGISTRATION_NAME.test(source.slice(name.from, name.to)) &&
    storesParameterAsIs(statement, params, source)
  )
    return true;
  let storesParam = false;
  forEachDescendant(statement, (n) => {
    if (n.name === 'VariableName' && params.has(source.slice(n.from, n.to))) storesParam = true;
  });
  if (!storesParam) return false;
  let returnsParam = false;
  forEachDescendant(fn, (n) => {
    if (n.name === 'ReturnStatement') {
      const value = n.lastChild;
      if (value?.name === 'VariableName' && params.has(source.slice(value.from, value.to))) returnsParam = true;
    }
    return n.name !== 'FunctionDefinition' || n.from === fn.from;
  });
  return returnsParam;
}

function owningClassOf(fn: SyntaxNode | undefined): SyntaxNode | undefined {
  for (let parent = fn?.parent; parent; parent = parent.parent) if (parent.name === 'ClassDefinition') return parent;
  return undefined;
}

function growingStatement(site: SyntaxNode): SyntaxNode {
  let node = site;
  while (node.parent && node.parent.name !== 'Body' && node.parent.name !== 'Script') node = node.parent;
  return node;
}

function nextNonSpace(source: string, at: number): string {
  let i = at;
  while (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9) i++;
  return source.charAt(i);
}

/** True when a `def` returns a function it defines itself (the shape of a decorator). */
function returnsNestedFunction(fn: SyntaxNode, source: string): boolean {
  const nested = new Set<string>();
  const returned: string[] = [];
  forEachDescendant(fn, (n) => {
    if (n.name === 'FunctionDefinition') {
      const name = n.getChild('VariableName');
      if (name) nested.add(source.slice(name.from, name.to));
      return false;
    }
    if (n.name === 'ReturnStatement' && n.lastChild?.name === 'VariableName')
      returned.push(source.slice(n.lastChild.from, n.lastChild.to));
    return true;
  });
  return returned.some((r) => nested.has(r));
}

/** Functions named as registration APIs: `register_role`, `add_reload_hook`, `watch`, `subscribe`. */
const REGISTRATION_NAME = /^_?(register|add|watch|subscribe|install|enable|attach|hook)($|_|[A-Z])/;

/**
 * `REGISTRY[name] = fn`, `_hooks.append(fn)`, `_files.add(path)`: the value kept is a parameter as
 * given, so the container holds exactly what callers register (a registry, bounded by its callers).
 */
function storesParameterAsIs(statement: SyntaxNode, params: ReadonlySet<string | undefined>, source: string): boolean {
  const isParam = (n: SyntaxNode | null | undefined) =>
    n?.name === 'VariableName' && params.has(source.slice(n.from, n.to));
  if (statement.name === 'AssignStatement') return isParam(statement.lastChild);
  const call = statement.name === 'ExpressionStatement' ? statement.firstChild : null;
  if (call?.name !== 'CallExpression') return false;
  const args = callArguments(call, source).args;
  return args.length > 0 && args.every((a) => isParam(a.value));
}
