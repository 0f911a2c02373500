import { callArguments, methodCall } from '../calls.js';
import { isFileObject, isPathObject } from '../file-objects.js';
import type { Rule } from '../rule.js';

const SPLITTERS = new Set(['splitlines', 'split']);
const READERS = new Set(['read', 'read_text', 'read_bytes']);

/**
 * `f.read()` with no size on a file object (or `Path(...).read_text()` / `read_bytes()`): the whole
 * file in memory at once. `.read().splitlines()` is left to `readlines-into-list`.
 */
export const readWholeFile: Rule = {
  id: 'read-whole-file',
  severity: 'info',
  summary: '`f.read()` / `Path.read_text()` loading a whole file at once',
  create(ctx) {
    return {
      enter: {
        CallExpression(call) {
          const method = methodCall(call, ctx.source);
          if (!method || !READERS.has(method.method) || callArguments(call, ctx.source).args.length > 0) return;
          const isRead = method.method === 'read' && isFileObject(method.object, ctx);
          const isPathRead = method.method !== 'read' && isPathObject(method.object, ctx);
          if (!isRead && !isPathRead) return;
          const outer = call.parent?.name === 'MemberExpression' ? call.parent.parent : null;
          if (outer?.name === 'CallExpression' && SPLITTERS.has(methodCall(outer, ctx.source)?.method ?? '')) return;
          const what = ctx.text(call);
          ctx.report({
            node: call,
            message:
              `\`${what}\` loads the whole file into memory at once; a large or growing file then needs as much RAM as it has bytes (more once decoded to text).`,
            suggestion: isRead
              ? `Process it in pieces: \`for line in f:\` for text, or fixed-size chunks with \`for chunk in iter(lambda: f.read(1 << 16), ''):\` (\`b''\` in binary mode).`
              : `Open it and process it in pieces: \`with path.open() as f:\` then \`for line in f:\`.`,
          });
        },
      },
    };
  },
};
