import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext } from '../rule.js';
import { shorten } from '../shorten.js';
import { enclosingLoop } from '../syntax.js';
import { isTextKind, valueKind, type ValueKind } from '../value-kind.js';

const NOT_TEXT: readonly ValueKind[] = ['number', 'list', 'tuple', 'dict', 'set'];

/**
 * `s += piece` or `s = s + piece` in a loop where `s` is a string or bytes, from its assignments
 * or from what is added. Numbers (`count += 1`) and lists are left alone.
 */
export const stringConcatInLoop: Rule = {
  id: 'string-concat-in-loop',
  severity: 'warning',
  summary: 'String or bytes built with `+=` / `s = s + …` inside a loop',
  create(ctx) {
    const reported = new Set<string>();
    const check = (statement: SyntaxNode, target: SyntaxNode, added: readonly SyntaxNode[]) => {
      const loop = enclosingLoop(statement);
      if (!loop) return;
      const name = ctx.text(target);
      const kind = textKind(ctx, target, added);
      if (!kind) return;
      const key = `${loop.from}:${name}`;
      if (reported.has(key)) return;
      reported.add(key);
      const empty = kind === 'bytes' ? "b''" : "''";
      const piece = added.length === 1 && added[0] ? shorten(ctx.text(added[0])) : '…';
      ctx.report({
        node: statement,
        message:
          `\`${name}\` is a ${kind === 'bytes' ? 'bytes object' : 'string'} grown with \`+\` inside a loop. ` +
          `Strings are immutable, so each step can allocate a new one and copy everything built so far: ` +
          `quadratic time and a trail of temporary copies.`,
        suggestion: `Collect the pieces in a list and join once after the loop: \`parts.append(${piece})\` in the loop, then \`${name} = ${empty}.join(parts)\`.`,
      });
    };
    return {
      enter: {
        UpdateStatement(node) {
          const target = node.firstChild;
          const op = target?.nextSibling;
          const value = node.lastChild;
          if (!target || !op || !value || ctx.text(op) !== '+=' || !isAssignable(target)) return;
          check(node, target, [value]);
        },
        AssignStatement(node) {
          const target = node.firstChild;
          const op = target?.nextSibling;
          const value = op?.nextSibling;
          if (!target || op?.name !== 'AssignOp' || !value || value.nextSibling || !isAssignable(target)) return;
          if (value.name !== 'BinaryExpression') return;
          const operands = plusOperands(value, ctx);
          if (!operands) return;
          const name = ctx.text(target);
          const others = operands.filter((o) => ctx.text(o) !== name);
          if (others.length === operands.length) return;
          check(node, target, others);
        },
      },
    };
  },
};

function isAssignable(node: SyntaxNode): boolean {
  return node.name === 'VariableName' || (node.name === 'MemberExpression' && node.lastChild?.name === 'PropertyName');
}

/** The operands of `a + b + c` (left-associative), or undefined when another operator is involved. */
function plusOperands(expr: SyntaxNode, ctx: RuleContext): SyntaxNode[] | undefined {
  const operands: SyntaxNode[] = [];
  let current: SyntaxNode = expr;
  while (current.name === 'BinaryExpression') {
    const left = current.firstChild;
    const op = left?.nextSibling;
    const right = current.lastChild;
    if (!left || !op || !right || ctx.text(op) !== '+') return undefined;
    operands.unshift(right);
    current = left;
  }
  operands.unshift(current);
  return operands;
}

/** `str`/`bytes` when the target is text, from its own assignments or from what is added to it. */
function textKind(ctx: RuleContext, target: SyntaxNode, added: readonly SyntaxNode[]): 'str' | 'bytes' | undefined {
  const assigned = target.name === 'VariableName' ? ctx.kindsOf(ctx.text(target), target) : new Set<ValueKind>();
  if (NOT_TEXT.some((k) => assigned.has(k))) return undefined;
  if (assigned.has('bytes')) return 'bytes';
  if (assigned.has('str')) return 'str';
  for (const node of added) {
    const kind = valueKind(node, ctx.source);
    if (isTextKind(kind)) return kind as 'str' | 'bytes';
  }
  return undefined;
}
