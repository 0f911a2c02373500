import type { SyntaxNode } from '@lezer/common';
import type { Rule } from '../rule.js';
import { shorten } from '../shorten.js';
import { carriedLoop } from '../accumulators.js';
import { valueKind, type ValueKind } from '../value-kind.js';

/**
 * `acc = acc + [x]` (or a tuple) growing an accumulator carried across loop iterations: a new
 * container and a full copy per iteration. A value rebuilt every iteration (`ws = ws + xs` after
 * `rs, ws, xs = select(...)`) is not an accumulator.
 */
export const listConcatInLoop: Rule = {
  id: 'list-concat-in-loop',
  severity: 'warning',
  summary: '`acc = acc + [x]` growing a list (or tuple) by copying inside a loop',
  triggers: ['for', 'while'],
  create(ctx) {
    return {
      enter: {
        AssignStatement(node) {
          const target = node.firstChild;
          const op = target?.nextSibling;
          const value = op?.nextSibling;
          if (
            target?.name !== 'VariableName' ||
            op?.name !== 'AssignOp' ||
            value?.name !== 'BinaryExpression' ||
            value.nextSibling
          )
            return;
          const left = value.firstChild;
          const operator = left?.nextSibling;
          const right = value.lastChild;
          if (!left || !operator || !right || ctx.text(operator) !== '+') return;
          const name = ctx.text(target);
          const other = ctx.text(left) === name ? right : ctx.text(right) === name ? left : undefined;
          if (!other || !carriedLoop(node, name, ctx.source)) return;
          const kind = containerKind(ctx.kindsOf(name, node), valueKind(other, ctx.source));
          if (!kind) return;
          const added = ctx.text(other);
          const single =
            other.name === 'ArrayExpression' && isSingleItem(other) ? added.slice(1, -1).trim() : undefined;
          const prepend = other === left;
          ctx.report({
            node,
            message: `\`${shorten(ctx.text(node), 50)}\` builds a new ${kind} and copies all of \`${name}\` on every iteration.`,
            suggestion:
              kind === 'tuple'
                ? `Collect into a list with \`append\` in the loop and convert once at the end: \`${name} = tuple(items)\`.`
                : prepend
                  ? `Append in the loop and reverse once afterwards, or use \`collections.deque\` and \`appendleft\`.`
                  : single !== undefined
                    ? `Grow it in place: \`${name}.append(${shorten(single)})\`.`
                    : `Grow it in place: \`${name}.extend(${shorten(added)})\` (or \`${name} += ${shorten(added)}\`).`,
          });
        },
      },
    };
  },
};

function containerKind(assigned: ReadonlySet<ValueKind>, added: ValueKind): 'list' | 'tuple' | undefined {
  for (const kind of ['list', 'tuple'] as const) {
    const others = [...assigned].filter((k) => k !== kind && k !== 'unknown');
    if (others.length > 0) continue;
    if (assigned.has(kind) || added === kind) return kind;
  }
  return undefined;
}

function isSingleItem(array: SyntaxNode): boolean {
  let items = 0;
  for (let child = array.firstChild; child; child = child.nextSibling) {
    if (child.name === ',') continue;
    if (child.name !== '[' && child.name !== ']') items++;
  }
  return items === 1;
}
