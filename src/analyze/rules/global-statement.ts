import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext } from '../rule.js';
import { childNamed, enclosingFunction } from '../syntax.js';
import { valueKind, type ValueKind } from '../value-kind.js';
import { forEachDescendant } from '../walk.js';

/** Kinds that grow when rebound with `+` / `|`: a bigger copy each time. */
const GROWABLE: ReadonlySet<ValueKind> = new Set(['list', 'tuple', 'str', 'bytes', 'set', 'dict']);

/**
 * `global name` in a function that rebinds the module-level value to a bigger copy of itself
 * (`history = history + [event]`, `log += line`, `seen = seen | {key}`): every call grows state
 * that lives as long as the module, and copies all of it. A `global` flag, counter or lazily
 * created singleton keeps no growing memory and is not reported (global-container-growth covers
 * module containers grown in place).
 */
export const globalStatement: Rule = {
  id: 'global-statement',
  severity: 'info',
  summary: '`global` name that a function grows by rebinding (`history = history + [x]`)',
  triggers: ['global'],
  create(ctx) {
    let script: SyntaxNode | undefined;
    return {
      enter: {
        Script(node) {
          script = node;
        },
        ScopeStatement(statement) {
          const fn = enclosingFunction(statement);
          if (statement.firstChild?.name !== 'global' || !fn || !script) return;
          const body = childNamed(fn, 'Body');
          if (!body) return;
          for (let child = statement.firstChild.nextSibling; child; child = child.nextSibling) {
            if (child.name !== 'VariableName') continue;
            const name = ctx.text(child);
            const growth = growthByRebinding(body, name, ctx.kindsOf(name, script), ctx);
            if (!growth) continue;
            ctx.report({
              node: growth,
              message: `\`${name}\` is a module-level value that this function (through \`global ${name}\`) replaces with a bigger copy of itself on every call: it grows for the life of the process.`,
              suggestion:
                'Pass the value in and return the new one, or keep it on an object whose lifetime you control; if it must be module state, grow a list in place (`append`) and bound it.',
            });
          }
        },
      },
    };
  },
};

/** The first `name += x` / `name = name + x` / `name = name | x` growing a text or container value. */
function growthByRebinding(
  body: SyntaxNode,
  name: string,
  moduleKinds: ReadonlySet<ValueKind>,
  ctx: RuleContext,
): SyntaxNode | undefined {
  const growsKind = (added: SyntaxNode | null | undefined) =>
    [...moduleKinds].some((k) => GROWABLE.has(k)) ||
    (added !== null && added !== undefined && GROWABLE.has(valueKind(added, ctx.source)));
  let found: SyntaxNode | undefined;
  forEachDescendant(body, (node) => {
    if (found || node.name === 'FunctionDefinition' || node.name === 'ClassDefinition') return false;
    const target = node.firstChild;
    if (target?.name !== 'VariableName' || ctx.text(target) !== name) return true;
    if (node.name === 'UpdateStatement') {
      const op = target.nextSibling;
      if (op && (ctx.text(op) === '+=' || ctx.text(op) === '|=') && growsKind(node.lastChild)) found = node;
    } else if (node.name === 'AssignStatement') {
      const value = target.nextSibling?.name === 'AssignOp' ? target.nextSibling.nextSibling : null;
      const left = value?.name === 'BinaryExpression' ? value.firstChild : null;
      const op = left?.nextSibling;
      if (
        left &&
        op &&
        ctx.text(left) === name &&
        (ctx.text(op) === '+' || ctx.text(op) === '|') &&
        growsKind(value?.lastChild)
      )
        found = node;
    }
    return !found;
  });
  return found;
}
