import type { SyntaxNode } from '@lezer/common';
import { methodCall } from '../calls.js';
import { GROWING_METHODS } from '../mutation.js';
import type { Rule, RuleContext } from '../rule.js';
import { childNamed, dottedName, enclosingLoop } from '../syntax.js';
import { forEachDescendant } from '../walk.js';

/** String methods that return a new string object on every call. */
const FRESH_STRING_METHODS = new Set([
  'split',
  'rsplit',
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'decode',
  'replace',
  'partition',
  'rpartition',
  'casefold',
  'title',
]);

/**
 * Per-record dicts, built in a loop and kept, whose keys are new strings parsed on every iteration
 * (`k, v = pair.split('=')`; `rec[k] = v`; `records.append(rec)`): each record carries its own copy
 * of the same key strings. Reported only when all three parts are present.
 */
export const repeatedStringKeys: Rule = {
  id: 'repeated-string-keys',
  severity: 'info',
  summary: 'Per-record dicts keyed by strings re-parsed on every iteration (intern them)',
  triggers: ['for', 'while'],
  create(ctx) {
    const reportedLoops = new Set<number>();
    const freshByLoop = new Map<number, Set<string>>();
    const fresh = (loop: SyntaxNode) => {
      let names = freshByLoop.get(loop.from);
      if (!names) freshByLoop.set(loop.from, (names = freshNames(loop, ctx)));
      return names;
    };
    const report = (node: SyntaxNode, key: SyntaxNode, loop: SyntaxNode) => {
      if (reportedLoops.has(loop.from)) return;
      reportedLoops.add(loop.from);
      const k = ctx.text(key);
      ctx.report({
        node,
        message: `Each record built in this loop is keyed by \`${k}\`, a new string parsed on every iteration, so every record stores its own copy of the same key text.`,
        suggestion: `Intern the keys so all records share one copy: \`sys.intern(${k})\`; or use fixed field names (a tuple of headers, \`csv.DictReader\`, a dataclass with \`__slots__\`).`,
      });
    };
    return {
      enter: {
        AssignStatement(statement) {
          // rec[k] = v, with rec a dict made in the loop and kept.
          const target = statement.firstChild;
          if (
            target?.name !== 'MemberExpression' ||
            target.lastChild?.name !== ']' ||
            target.nextSibling?.name !== 'AssignOp'
          )
            return;
          const dict = target.firstChild;
          const key = dict?.nextSibling?.nextSibling;
          const loop = enclosingLoop(statement);
          if (!dict || dict.name !== 'VariableName' || !key || !loop) return;
          const outer = outermostLoop(loop);
          if (!isFresh(key, fresh(outer), ctx)) return;
          if (isPerIterationDictKept(ctx.text(dict), outer, ctx)) report(statement, key, outer);
        },
        DictionaryExpression(display) {
          const loop = enclosingLoop(display);
          if (!loop) return;
          const outer = outermostLoop(loop);
          const key = display.firstChild?.nextSibling;
          if (!key || key.name === '}' || !isFresh(key, fresh(outer), ctx) || !isKept(display, outer, ctx)) return;
          report(display, key, outer);
        },
      },
    };
  },
};

function outermostLoop(loop: SyntaxNode): SyntaxNode {
  let outer = loop;
  for (let next = enclosingLoop(outer); next; next = enclosingLoop(outer)) outer = next;
  return outer;
}

/** Names bound in the loop (targets included) to freshly made strings: `k, v = pair.split('=')`, `for pair in line.split(';')`. */
function freshNames(loop: SyntaxNode, ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  const bindFrom = (targets: SyntaxNode[], value: SyntaxNode | null) => {
    if (!value || !makesFreshString(value, ctx)) return;
    for (const t of targets) if (t.name === 'VariableName') names.add(ctx.text(t));
  };
  const visit = (node: SyntaxNode) => {
    if (node.name === 'AssignStatement') {
      const targets: SyntaxNode[] = [];
      let child = node.firstChild;
      for (; child && child.name !== 'AssignOp'; child = child.nextSibling) targets.push(child);
      bindFrom(targets, node.lastChild);
    } else if (node.name === 'ForStatement') {
      const targets: SyntaxNode[] = [];
      let child = node.firstChild?.nextSibling ?? null;
      for (; child && child.name !== 'in'; child = child.nextSibling) targets.push(child);
      bindFrom(targets, child?.nextSibling ?? null);
    }
    return node.name !== 'FunctionDefinition' && node.name !== 'ClassDefinition';
  };
  visit(loop);
  forEachDescendant(loop, visit);
  return names;
}

/** An expression that contains a call making a new string (`line.split(',')[0]`, `k.strip()`). */
function makesFreshString(node: SyntaxNode, ctx: RuleContext): boolean {
  let found = false;
  const check = (n: SyntaxNode) => {
    if (n.name === 'CallExpression' && FRESH_STRING_METHODS.has(methodCall(n, ctx.source)?.method ?? '')) found = true;
  };
  check(node);
  forEachDescendant(node, (n) => {
    check(n);
    return !found;
  });
  return found;
}

function isFresh(key: SyntaxNode, fresh: ReadonlySet<string>, ctx: RuleContext): boolean {
  if (key.name === 'VariableName') return fresh.has(ctx.text(key));
  if (key.name === 'String' || key.name === 'Number') return false;
  return (
    makesFreshString(key, ctx) ||
    (key.name === 'MemberExpression' && key.firstChild?.name === 'VariableName' && fresh.has(ctx.text(key.firstChild)))
  );
}

/** `rec = {}` / `rec = dict()` inside the loop, and `rec` stored somewhere that outlives the iteration. */
function isPerIterationDictKept(dict: string, loop: SyntaxNode, ctx: RuleContext): boolean {
  let madeHere = false;
  let kept = false;
  const body = childNamed(loop, 'Body');
  if (!body) return false;
  forEachDescendant(body, (node) => {
    if (node.name === 'AssignStatement' && node.firstChild && ctx.text(node.firstChild) === dict) {
      const value = node.lastChild;
      if (
        value &&
        (value.name === 'DictionaryExpression' ||
          (value.name === 'CallExpression' && value.firstChild && dottedName(value.firstChild, ctx.source) === 'dict'))
      )
        madeHere = true;
    }
    if (node.name === 'VariableName' && ctx.text(node) === dict && storesInContainer(node, ctx)) kept = true;
    return true;
  });
  return madeHere && kept;
}

/** The dict display is appended/stored directly, or assigned to a name that is. */
function isKept(display: SyntaxNode, loop: SyntaxNode, ctx: RuleContext): boolean {
  if (storesInContainer(display, ctx)) return true;
  const parent = display.parent;
  if (
    parent?.name === 'AssignStatement' &&
    parent.firstChild?.name === 'VariableName' &&
    parent.lastChild?.from === display.from
  ) {
    const name = ctx.text(parent.firstChild);
    let kept = false;
    forEachDescendant(loop, (node) => {
      if (node.name === 'VariableName' && ctx.text(node) === name && storesInContainer(node, ctx)) kept = true;
      return !kept;
    });
    return kept;
  }
  return false;
}

/** `x.append(node)`, `x[k] = node`. */
function storesInContainer(node: SyntaxNode, ctx: RuleContext): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.name === 'ArgList') {
    const method = parent.parent ? methodCall(parent.parent, ctx.source)?.method : undefined;
    return method !== undefined && GROWING_METHODS.has(method);
  }
  return (
    parent.name === 'AssignStatement' &&
    parent.lastChild?.from === node.from &&
    parent.firstChild?.name === 'MemberExpression'
  );
}
