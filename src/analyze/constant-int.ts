import type { SyntaxNode } from '@lezer/common';
import { callArguments, positionalArguments } from './calls.js';
import { dottedName } from './syntax.js';

const INT_LITERAL = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/;
const FLOAT_LITERAL = /^[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?$/;

/**
 * The value of a constant integer expression (`10**6`, `1_000 * 1_000`, `int(1e6)`, `-5`), or
 * `undefined` when it is not one.
 *
 * @example constantInt(node, '10 ** 7') // 10000000
 */
export function constantInt(node: SyntaxNode, source: string): number | undefined {
  switch (node.name) {
    case 'Number': {
      const text = source.slice(node.from, node.to);
      return INT_LITERAL.test(text) ? Number(text.replace(/_/g, '')) : undefined;
    }
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      return inner && inner.name !== ')' && inner.nextSibling?.name === ')' ? constantInt(inner, source) : undefined;
    }
    case 'UnaryExpression': {
      const op = node.firstChild;
      const operand = node.lastChild;
      if (!op || !operand || op === operand) return undefined;
      const value = constantInt(operand, source);
      const sign = source.slice(op.from, op.to);
      return value === undefined ? undefined : sign === '-' ? -value : sign === '+' ? value : undefined;
    }
    case 'BinaryExpression':
      return binary(node, source);
    case 'CallExpression':
      return intOfFloat(node, source);
    default:
      return undefined;
  }
}

function binary(node: SyntaxNode, source: string): number | undefined {
  const left = node.firstChild;
  const op = left?.nextSibling;
  const right = node.lastChild;
  if (!left || !op || !right || op === right) return undefined;
  const a = constantInt(left, source);
  const b = constantInt(right, source);
  if (a === undefined || b === undefined) return undefined;
  switch (source.slice(op.from, op.to)) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '**':
      return b >= 0 && b < 400 ? a ** b : undefined;
    case '//':
      return b === 0 ? undefined : Math.floor(a / b);
    case '<<':
      return b >= 0 && b < 64 ? a * 2 ** b : undefined;
    default:
      return undefined;
  }
}

/** `int(1e6)`. */
function intOfFloat(call: SyntaxNode, source: string): number | undefined {
  const callee = call.firstChild;
  if (!callee || dottedName(callee, source) !== 'int') return undefined;
  const [arg, extra] = positionalArguments(callArguments(call, source));
  if (!arg || extra) return undefined;
  if (arg.name === 'Number') {
    const text = source.slice(arg.from, arg.to);
    return FLOAT_LITERAL.test(text) ? Math.trunc(Number(text.replace(/_/g, ''))) : undefined;
  }
  return constantInt(arg, source);
}
