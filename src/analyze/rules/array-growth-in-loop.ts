import type { SyntaxNode } from '@lezer/common';
import { carriedLoop } from '../accumulators.js';
import { callArguments, calleeName, keywordArgument, methodCall } from '../calls.js';
import { ModuleAliases, moduleFunction } from '../module-aliases.js';
import type { Rule, RuleContext } from '../rule.js';
import { dottedName } from '../syntax.js';
import { forEachDescendant } from '../walk.js';

const NUMPY_GROWERS = new Set([
  'append',
  'concatenate',
  'vstack',
  'hstack',
  'dstack',
  'row_stack',
  'column_stack',
  'stack',
  'insert',
]);
const PANDAS_GROWERS = new Set(['concat']);

/**
 * `arr = np.append(arr, x)`, `arr = np.vstack([arr, row])`, `df = pd.concat([df, part])`,
 * `df = df.append(row)` growing an accumulator carried across loop iterations: the array is copied
 * whole on every iteration. A value recomputed every iteration (`deltas = f(x); deltas =
 * np.append([0.0], deltas)`) is not an accumulator, and `x = x.append(...)` counts as a DataFrame
 * only in a module that imports pandas.
 */
export const arrayGrowthInLoop: Rule = {
  id: 'array-growth-in-loop',
  severity: 'warning',
  summary: '`np.append`/`np.vstack`/`pd.concat` growing an array or DataFrame inside a loop',
  triggers: ['np.', 'numpy', 'pd.', 'pandas'],
  create(ctx) {
    const numpy = new ModuleAliases('numpy', ['np']);
    const pandas = new ModuleAliases('pandas', ['pd']);
    const candidates: { statement: SyntaxNode; call: SyntaxNode; module: string; fn: string; target: string }[] = [];
    const appends: { statement: SyntaxNode; call: SyntaxNode; target: string }[] = [];
    let importsPandas = false;
    return {
      enter: {
        ImportStatement(statement) {
          numpy.addImport(statement, ctx.source);
          pandas.addImport(statement, ctx.source);
          for (let child = statement.firstChild; child; child = child.nextSibling) {
            if (child.name === 'VariableName' && ctx.text(child) === 'pandas') importsPandas = true;
          }
        },
        AssignStatement(statement) {
          const target = statement.firstChild;
          const op = target?.nextSibling;
          const call = op?.nextSibling;
          if (!target || op?.name !== 'AssignOp' || call?.name !== 'CallExpression' || call.nextSibling) return;
          const name = dottedName(target, ctx.source);
          if (!name) return;
          // The call is checked before the loop: `carriedLoop` walks the enclosing loops, and most
          // assignments of a call result grow nothing (on 64 KiB of Python it was 6% of the analysis).
          const method = methodCall(call, ctx.source);
          if (
            (method?.method === 'append' || method?.method === '_append') &&
            dottedName(method.object, ctx.source) === name
          ) {
            // `df = df.append(row)`: only a DataFrame returns a grown copy from append (a list returns None).
            if (carriedLoop(statement, name, ctx.source)) appends.push({ statement, call, target: name });
            return;
          }
          const fn = moduleFunction(calleeName(call, ctx.source));
          if (!fn) return;
          if (!NUMPY_GROWERS.has(fn[1]) && !PANDAS_GROWERS.has(fn[1])) return;
          if (passesName(call, name, ctx.source) && carriedLoop(statement, name, ctx.source))
            candidates.push({ statement, call, module: fn[0], fn: fn[1], target: name });
        },
      },
      finish() {
        if (importsPandas)
          for (const { statement, call, target } of appends) reportDataFrameAppend(statement, call, target, ctx);
        for (const { statement, call, module, fn, target } of candidates) {
          const isNumpy = numpy.has(module) && NUMPY_GROWERS.has(fn);
          const isPandas = pandas.has(module) && PANDAS_GROWERS.has(fn);
          if (!isNumpy && !isPandas) continue;
          const what = isPandas ? 'DataFrame' : 'array';
          const listName = target === 'pieces' ? 'parts' : 'pieces';
          ctx.report({
            node: statement,
            from: statement.from,
            to: call.to,
            message: `\`${module}.${fn}\` returns a new ${what}, so growing \`${target}\` with it copies everything accumulated so far on every iteration.`,
            suggestion: isPandas
              ? `Collect the frames in a list that starts with the current one and concatenate once after the loop: \`${listName} = [${target}]\` before it, \`${listName}.append(part)\` in it, then \`${target} = ${module}.concat(${listName}${concatOptions(call, ctx)})\` (the same index as the repeated concat).`
              : `Collect the pieces in a Python list that starts with the current array and combine once after the loop: \`${listName} = [${target}]\`, \`${listName}.append(piece)\`, then \`${target} = ${module}.${fn === 'append' || fn === 'concatenate' || fn === 'insert' ? 'concatenate' : fn}(${listName})\`; or preallocate with \`${module}.empty(n)\` and fill by index.`,
          });
        }
      },
    };
  },
};

function reportDataFrameAppend(statement: SyntaxNode, call: SyntaxNode, target: string, ctx: RuleContext) {
  ctx.report({
    node: statement,
    from: statement.from,
    to: call.to,
    message: `\`${target} = ${target}.append(...)\` builds a new DataFrame with everything accumulated so far on every iteration (and \`DataFrame.append\` was removed in pandas 2.0).`,
    suggestion: `Collect the rows (dicts) or frames in a list inside the loop and build once afterwards: \`pd.concat([${target}, pd.DataFrame(rows)])\`, or \`pd.concat(frames)\` (add \`ignore_index=True\` only if the appends used it).`,
  });
}

/** True when `name` is passed to the call directly or inside the list/tuple it is given. */
function passesName(call: SyntaxNode, name: string, source: string): boolean {
  for (const arg of callArguments(call, source).args) {
    const value = arg.value;
    if (!value || arg.keyword) continue;
    if (dottedName(value, source) === name) return true;
    if (
      value.name === 'ArrayExpression' ||
      value.name === 'TupleExpression' ||
      value.name === 'ParenthesizedExpression'
    ) {
      let found = false;
      forEachDescendant(value, (n) => {
        if (found) return false;
        if (dottedName(n, source) === name && n.parent?.name === value.name) found = true;
        return n.name !== 'CallExpression';
      });
      if (found) return true;
    }
  }
  return false;
}

/** The keyword arguments of the original concat that shape the result (`axis`, `ignore_index`...), to keep in the one-shot call. */
function concatOptions(call: SyntaxNode, ctx: RuleContext): string {
  const args = callArguments(call, ctx.source);
  const kept = ['axis', 'ignore_index', 'sort', 'join'].flatMap((k) => {
    const value = keywordArgument(args, k);
    return value ? [`${k}=${ctx.text(value)}`] : [];
  });
  return kept.length > 0 ? `, ${kept.join(', ')}` : '';
}
