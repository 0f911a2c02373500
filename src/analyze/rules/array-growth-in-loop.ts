import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall } from '../calls.js';
import { ModuleAliases, moduleFunction } from '../module-aliases.js';
import type { Rule, RuleContext } from '../rule.js';
import { dottedName, enclosingLoop } from '../syntax.js';
import { forEachDescendant } from '../walk.js';

const NUMPY_GROWERS = new Set(['append', 'concatenate', 'vstack', 'hstack', 'dstack', 'row_stack', 'column_stack', 'stack', 'insert']);
const PANDAS_GROWERS = new Set(['concat']);

/**
 * `arr = np.append(arr, x)`, `arr = np.vstack([arr, row])`, `df = pd.concat([df, part])` in a loop:
 * the array is copied whole on every iteration.
 */
export const arrayGrowthInLoop: Rule = {
  id: 'array-growth-in-loop',
  severity: 'warning',
  summary: '`np.append`/`np.vstack`/`pd.concat` growing an array or DataFrame inside a loop',
  create(ctx) {
    const numpy = new ModuleAliases('numpy', ['np']);
    const pandas = new ModuleAliases('pandas', ['pd']);
    const candidates: { statement: SyntaxNode; call: SyntaxNode; module: string; fn: string; target: string }[] = [];
    return {
      enter: {
        ImportStatement(statement) {
          numpy.addImport(statement, ctx.source);
          pandas.addImport(statement, ctx.source);
        },
        AssignStatement(statement) {
          const target = statement.firstChild;
          const op = target?.nextSibling;
          const call = op?.nextSibling;
          if (!target || op?.name !== 'AssignOp' || call?.name !== 'CallExpression' || call.nextSibling) return;
          const name = dottedName(target, ctx.source);
          if (!name || !enclosingLoop(statement)) return;
          const method = methodCall(call, ctx.source);
          if ((method?.method === 'append' || method?.method === '_append') && dottedName(method.object, ctx.source) === name) {
            // `df = df.append(row)`: only a DataFrame returns a grown copy from append (a list returns None).
            reportDataFrameAppend(statement, call, name, ctx);
            return;
          }
          const fn = moduleFunction(calleeName(call, ctx.source));
          if (!fn) return;
          if (!NUMPY_GROWERS.has(fn[1]) && !PANDAS_GROWERS.has(fn[1])) return;
          if (passesName(call, name, ctx.source)) candidates.push({ statement, call, module: fn[0], fn: fn[1], target: name });
        },
      },
      finish() {
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
            message:
              `\`${module}.${fn}\` returns a new ${what}, so growing \`${target}\` with it copies everything accumulated so far on every iteration: ` +
              `quadratic time, and the old and new copies are in memory together at each step.`,
            suggestion: isPandas
              ? `Collect the pieces in a list inside the loop and concatenate once afterwards: \`${listName}.append(part)\`, then \`${target} = ${module}.concat(${listName}, ignore_index=True)\`.`
              : `Collect the pieces in a Python list and combine once after the loop (\`${module}.concatenate(${listName})\` / \`${module}.vstack(${listName})\`), or preallocate with \`${module}.empty(n)\` and fill by index.`,
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
    message:
      `\`${target} = ${target}.append(...)\` builds a new DataFrame with everything accumulated so far on every iteration (and \`DataFrame.append\` was removed in pandas 2.0): ` +
      'quadratic time, and the old and new copies are in memory together at each step.',
    suggestion: `Collect the rows (dicts) or frames in a list inside the loop and build once afterwards: \`pd.DataFrame(rows)\` or \`pd.concat(frames, ignore_index=True)\`.`,
  });
}

/** True when `name` is passed to the call directly or inside the list/tuple it is given. */
function passesName(call: SyntaxNode, name: string, source: string): boolean {
  for (const arg of callArguments(call, source).args) {
    const value = arg.value;
    if (!value || arg.keyword) continue;
    if (dottedName(value, source) === name) return true;
    if (value.name === 'ArrayExpression' || value.name === 'TupleExpression' || value.name === 'ParenthesizedExpression') {
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
