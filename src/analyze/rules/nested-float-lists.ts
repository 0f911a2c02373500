import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext } from '../rule.js';
import { childNodes, dottedName } from '../syntax.js';

const FLOAT_LITERAL = /^(\d[\d_]*\.[\d_]*|\.\d[\d_]*|\d[\d_]*)([eE][+-]?\d+)?$/;
const FLOAT_FUNCTIONS = new Set([
  'float',
  'random.random',
  'random.uniform',
  'random.gauss',
  'random.normalvariate',
  'random.expovariate',
  'math.sqrt',
  'math.sin',
  'math.cos',
  'math.exp',
  'math.log',
]);

/** Numbers in a literal float table below which it is not reported (a 3×3 matrix, a 256-colour map). */
export const LARGE_LITERAL_TABLE = 4096;

/**
 * A matrix held as nested Python lists of floats: `[[0.0] * n for _ in range(m)]`,
 * `[[random.random() for j in ...] for i in ...]`, `[[0.0] * n] * m`, or a literal of float rows
 * with at least 4,096 numbers (smaller literal tables cost a few KB).
 */
export const nestedFloatLists: Rule = {
  id: 'nested-float-lists',
  severity: 'info',
  summary: 'Matrix of floats stored as nested Python lists',
  create(ctx) {
    const report = (node: SyntaxNode) =>
      ctx.report({
        node,
        message:
          'This matrix is nested Python lists of floats: about 32 bytes per number, where a numpy float64 array stores 8.',
        suggestion:
          'Use a numpy array: `np.zeros((rows, cols))`, `np.random.random((rows, cols))`, or `np.array(rows, dtype=np.float64)`.',
      });
    return {
      enter: {
        ArrayComprehensionExpression(node) {
          const element = node.firstChild?.nextSibling;
          if (element && isFloatRow(element, ctx)) report(node);
        },
        BinaryExpression(node) {
          // [[0.0] * n] * m
          const row = repeatedList(node, ctx);
          if (row && row.name === 'ArrayExpression') {
            const inner = listItems(row);
            if (inner.length === 1 && inner[0] && isFloatRow(inner[0], ctx) && !isInsideReported(node)) report(node);
          }
        },
        ArrayExpression(node) {
          if (node.parent?.name === 'ArrayExpression') return;
          const rows = listItems(node);
          if (rows.length < 2) return;
          const widths = rows.map((row) => (row.name === 'ArrayExpression' ? floatItems(row, ctx) : -1));
          // A literal table is fixed-size: only a large one costs enough to matter.
          if (widths.every((w) => w >= 2 && w === widths[0]) && rows.length * (widths[0] ?? 0) >= LARGE_LITERAL_TABLE)
            report(node);
        },
      },
    };
  },
};

/** `[0.0] * n`, `[0.0 for _ in ...]`, `[random.random() for ...]`: one row of floats. */
function isFloatRow(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'ArrayComprehensionExpression') {
    const element = node.firstChild?.nextSibling;
    return element !== undefined && element !== null && isFloat(element, ctx);
  }
  const repeated = repeatedList(node, ctx);
  if (repeated?.name === 'ArrayExpression') return floatItems(repeated, ctx) >= 1;
  return false;
}

/** The list in `[...] * n` / `n * [...]`. */
function repeatedList(node: SyntaxNode, ctx: RuleContext): SyntaxNode | undefined {
  if (node.name !== 'BinaryExpression') return undefined;
  const left = node.firstChild;
  const op = left?.nextSibling;
  const right = node.lastChild;
  if (!left || !op || !right || ctx.text(op) !== '*') return undefined;
  if (left.name === 'ArrayExpression') return left;
  if (right.name === 'ArrayExpression') return right;
  return undefined;
}

function listItems(list: SyntaxNode): SyntaxNode[] {
  return childNodes(list).filter((n) => n.name !== '[' && n.name !== ']' && n.name !== ',' && n.name !== 'Comment');
}

/** How many items of a list literal are floats, or -1 if any is not. */
function floatItems(list: SyntaxNode, ctx: RuleContext): number {
  const items = listItems(list);
  return items.length > 0 && items.every((item) => isFloat(item, ctx)) ? items.length : -1;
}

function isFloat(node: SyntaxNode, ctx: RuleContext): boolean {
  if (node.name === 'Number') {
    const text = ctx.text(node);
    return FLOAT_LITERAL.test(text) && /[.eE]/.test(text);
  }
  if (node.name === 'UnaryExpression')
    return node.lastChild !== null && node.lastChild !== node.firstChild && isFloat(node.lastChild, ctx);
  if (node.name === 'CallExpression') {
    const callee = node.firstChild;
    return callee !== null && FLOAT_FUNCTIONS.has(dottedName(callee, ctx.source) ?? '');
  }
  return false;
}

function isInsideReported(node: SyntaxNode): boolean {
  return node.parent?.name === 'BinaryExpression';
}
