import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, positionalArguments } from '../calls.js';
import { constantInt } from '../constant-int.js';
import type { Rule } from '../rule.js';
import { childNodes, dottedName } from '../syntax.js';

/** Below this many items a materialized range is not worth a finding. */
export const LARGE_RANGE = 100_000;
/** A list slot (8 bytes) plus an int object (28 bytes), rounded up as `tracemalloc` measures it. */
const BYTES_PER_INT = 40;

/** `list(range(10**7))` or `[i for i in range(10**7)]`: millions of int objects where a lazy `range` would do. */
export const listOfLargeRange: Rule = {
  id: 'list-of-large-range',
  severity: 'warning',
  summary: '`list(range(N))` with a large constant N',
  triggers: ['range'],
  create(ctx) {
    /** `N = 10**7`: names bound to one constant integer (more than one value → dropped). */
    const constants = new Map<string, number | undefined>();
    const candidates: [SyntaxNode, SyntaxNode][] = [];
    const report = (node: SyntaxNode, range: SyntaxNode) => {
      const count = rangeLength(range, ctx.source, constants);
      if (count === undefined || count < LARGE_RANGE) return;
      ctx.report({
        node,
        message: `\`${ctx.text(node).length <= 50 ? ctx.text(node) : 'this list'}\` materializes ${count.toLocaleString('en-US')} int objects at once, about ${formatBytes(count * BYTES_PER_INT)}; \`range\` itself is lazy.`,
        suggestion: `Use the \`range\` directly: iterate it, or pass it where a sequence is needed (\`range\` supports \`len()\`, indexing, slicing and \`in\`).`,
      });
    };
    return {
      enter: {
        CallExpression(call) {
          if (calleeName(call, ctx.source) !== 'list') return;
          const args = callArguments(call, ctx.source);
          const [only, extra] = positionalArguments(args);
          if (only && !extra && args.args.length === 1 && isRangeCall(only, ctx.source)) candidates.push([call, only]);
        },
        AssignStatement(statement) {
          const target = statement.firstChild;
          const value = target?.nextSibling?.name === 'AssignOp' ? target.nextSibling.nextSibling : null;
          if (target?.name !== 'VariableName' || !value || value.nextSibling) return;
          const name = ctx.text(target);
          const constant = constantInt(value, ctx.source);
          constants.set(name, constants.has(name) && constants.get(name) !== constant ? undefined : constant);
        },
        ArrayComprehensionExpression(comprehension) {
          // [i for i in range(N)] with no condition: the same list.
          const parts = childNodes(comprehension).filter((n) => n.name !== '[' && n.name !== ']');
          const [element, forKw, variable, inKw, iterable, ...rest] = parts;
          if (!element || forKw?.name !== 'for' || !variable || inKw?.name !== 'in' || !iterable || rest.length > 0)
            return;
          if (ctx.text(element) === ctx.text(variable) && isRangeCall(iterable, ctx.source))
            candidates.push([comprehension, iterable]);
        },
      },
      finish() {
        for (const [node, range] of candidates) report(node, range);
      },
    };
  },
};

function isRangeCall(node: SyntaxNode, source: string): boolean {
  return node.name === 'CallExpression' && node.firstChild !== null && dottedName(node.firstChild, source) === 'range';
}

/** `len(range(...))` when every argument is a constant, or a name bound to one constant. */
function rangeLength(
  range: SyntaxNode,
  source: string,
  constants: ReadonlyMap<string, number | undefined>,
): number | undefined {
  const args = callArguments(range, source);
  if (args.args.some((a) => a.keyword || a.star)) return undefined;
  const values = positionalArguments(args).map((n) =>
    n.name === 'VariableName' ? constants.get(source.slice(n.from, n.to)) : constantInt(n, source),
  );
  if (values.length === 0 || values.length > 3 || values.some((v) => v === undefined)) return undefined;
  const [a, b, c] = values as number[];
  const [start, stop, step] = values.length === 1 ? [0, a ?? 0, 1] : [a ?? 0, b ?? 0, c ?? 1];
  if (step === 0) return undefined;
  return Math.max(0, Math.ceil((stop - start) / step));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}
