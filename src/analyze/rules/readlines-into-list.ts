import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall, positionalArguments } from '../calls.js';
import { isFileObject, usedOnceAsLoopSource } from '../file-objects.js';
import type { Rule, RuleContext } from '../rule.js';
import { definedName, dottedName, enclosingFunction } from '../syntax.js';

const LINE_METHODS = new Set(['readlines', 'splitlines', 'split']);

/**
 * Every line of a file in a list only to be looped over once: `for line in f.readlines():` (a
 * warning, with a fix: drop `.readlines()`), or `lines = f.readlines()` / `list(f)` /
 * `f.read().splitlines()` whose only use is one `for` loop (`info`: the file may be small). A list
 * that is indexed, sliced, measured or passed on is needed, and left alone; so is a method that
 * implements `readlines()` itself.
 */
export const readlinesIntoList: Rule = {
  id: 'readlines-into-list',
  severity: 'warning',
  summary: '`f.readlines()`, `list(f)` or `f.read().splitlines()` holding every line of a file only to loop over it',
  triggers: ['readlines', 'splitlines', 'split', 'list('],
  create(ctx) {
    const report = (call: SyntaxNode, file: SyntaxNode | undefined, kind: 'readlines' | 'list' | 'splitlines') => {
      if (insideReadlinesMethod(call, ctx)) return;
      // The iterable of a `for` statement or of a comprehension's `for` clause.
      const inForHeader =
        call.prevSibling?.name === 'in' &&
        (call.parent?.name === 'ForStatement' || /Comprehension/.test(call.parent?.name ?? ''));
      if (!inForHeader && !usedOnceAsLoopSource(call, ctx)) return;
      const expression = ctx.text(call);
      const name = (file && dottedName(file, ctx.source)) ?? 'f';
      // `for line in f.readlines():` → `for line in f:` yields the same lines (newlines kept).
      const fix =
        inForHeader && kind === 'readlines' && file
          ? {
              description: `Iterate over \`${name}\` itself, which yields the same lines one at a time.`,
              edits: [{ from: file.to, to: call.to, text: '' }],
            }
          : undefined;
      ctx.report({
        node: call,
        ...(!inForHeader && { severity: 'info' as const }),
        message: inForHeader
          ? `\`${expression}\` builds a list of every line of the file before the loop starts; the loop only needs one line at a time.`
          : `\`${expression}\` builds a list of every line of the file that is only looped over once.`,
        suggestion:
          kind === 'splitlines'
            ? `Iterate over the file object itself: \`for line in ${name}:\` reads one line at a time (each keeps its newline: \`line.rstrip('\\n')\`).`
            : `Iterate over the file object itself: \`for line in ${name}:\` reads one line at a time, the same lines.`,
        ...(fix && { fix }),
      });
    };
    return {
      enter: {
        CallExpression(call) {
          const method = methodCall(call, ctx.source);
          if (method ? !LINE_METHODS.has(method.method) : calleeName(call, ctx.source) !== 'list') return;
          const args = callArguments(call, ctx.source);
          if (method?.method === 'readlines' && args.args.length === 0 && !args.generator) {
            report(call, method.object, 'readlines');
            return;
          }
          if (method && (method.method === 'splitlines' || isNewlineSplit(call, method.method, ctx.source))) {
            const inner = method.object;
            const read = inner.name === 'CallExpression' ? methodCall(inner, ctx.source) : undefined;
            if (
              read?.method === 'read' &&
              callArguments(inner, ctx.source).args.length === 0 &&
              isFileObject(read.object, ctx)
            ) {
              report(call, read.object, 'splitlines');
            }
            return;
          }
          if (calleeName(call, ctx.source) !== 'list') return;
          const [only, extra] = positionalArguments(args);
          if (only && !extra && args.args.length === 1 && isFileObject(only, ctx)) report(call, only, 'list');
        },
      },
    };
  },
};

function isNewlineSplit(call: SyntaxNode, method: string, source: string): boolean {
  if (method !== 'split') return false;
  const [separator] = positionalArguments(callArguments(call, source));
  return separator !== undefined && /^['"]\\n['"]$/.test(source.slice(separator.from, separator.to));
}

/** `def readlines(self): return [... for x in self._input.readlines()]`: implementing the list API. */
function insideReadlinesMethod(node: SyntaxNode, ctx: RuleContext): boolean {
  const fn = enclosingFunction(node);
  return fn !== undefined && definedName(fn, ctx.source) === 'readlines';
}
