import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall, positionalArguments } from '../calls.js';
import { isFileObject } from '../file-objects.js';
import type { Rule } from '../rule.js';
import { dottedName } from '../syntax.js';

const LINE_METHODS = new Set(['readlines', 'splitlines', 'split']);

/**
 * Every line of a file in a list: `f.readlines()`, `list(f)`, `f.read().splitlines()`. A file object is
 * already an iterator over its lines.
 */
export const readlinesIntoList: Rule = {
  id: 'readlines-into-list',
  severity: 'warning',
  summary: '`f.readlines()`, `list(f)` or `f.read().splitlines()` holding every line of a file',
  create(ctx) {
    const report = (call: SyntaxNode, file: SyntaxNode | undefined) => {
      const expression = ctx.text(call);
      const name = (file && dottedName(file, ctx.source)) ?? 'f';
      const inForHeader = call.parent?.name === 'ForStatement';
      ctx.report({
        node: call,
        message: `\`${expression}\` builds a list of every line of the file before the first one is used, so memory grows with the file${inForHeader ? '; the loop only needs one line at a time' : ''}.`,
        suggestion: `Iterate over the file object itself: \`for line in ${name}:\` reads one line at a time (strip the trailing newline with \`line.rstrip('\\n')\`).`,
      });
    };
    return {
      enter: {
        CallExpression(call) {
          const method = methodCall(call, ctx.source);
          if (method ? !LINE_METHODS.has(method.method) : calleeName(call, ctx.source) !== 'list') return;
          const args = callArguments(call, ctx.source);
          if (method?.method === 'readlines' && args.args.length === 0 && !args.generator) {
            report(call, method.object);
            return;
          }
          if (method && (method.method === 'splitlines' || isNewlineSplit(call, method.method, ctx.source))) {
            const inner = method.object;
            const read = inner.name === 'CallExpression' ? methodCall(inner, ctx.source) : undefined;
            if (read?.method === 'read' && callArguments(inner, ctx.source).args.length === 0 && isFileObject(read.object, ctx)) {
              report(call, read.object);
            }
            return;
          }
          if (calleeName(call, ctx.source) !== 'list') return;
          const [only, extra] = positionalArguments(args);
          if (only && !extra && args.args.length === 1 && isFileObject(only, ctx)) report(call, only);
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
