import type { SyntaxNode } from '@lezer/common';
import { callArguments, calleeName, methodCall } from '../calls.js';
import { isFileObject, isPathObject, nextUses } from '../file-objects.js';
import type { Rule, RuleContext } from '../rule.js';

const SPLITTERS = new Set(['splitlines', 'split']);
const READERS = new Set(['read', 'read_text', 'read_bytes']);
/** Hash and checksum functions that also take data piece by piece. */
const INCREMENTAL_DIGESTS = /^(hashlib\.\w+|md5|sha1|sha256|sha512|blake2b|zlib\.(crc32|adler32)|binascii\.crc32)$/;
const DIGEST_METHODS = new Set(['update']);

/**
 * A whole file read into memory where the code consumes it piece by piece anyway, so streaming
 * gives the same result in constant memory: hashed (`hashlib.sha256(f.read())`, `h.update(...)`),
 * copied to another file (`dst.write(src.read())`), or looped over (`for ch in f.read()`,
 * `for word in data.split()`), directly or through a name used only there. Reads whose content is
 * needed whole (parsed, compiled, executed, decoded, stored) are not reported: streaming would not
 * help them.
 */
export const readWholeFile: Rule = {
  id: 'read-whole-file',
  severity: 'info',
  summary: '`f.read()` / `Path.read_bytes()` loading a whole file that is then hashed, copied or looped over',
  triggers: ['read'],
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
          // `.read().splitlines()` is readlines-into-list's.
          if (outer?.name === 'CallExpression' && methodCall(outer, ctx.source)?.method === 'splitlines') return;
          const use = streamableUse(call, ctx);
          if (!use) return;
          const what = ctx.text(call);
          ctx.report({
            node: call,
            message: `\`${what}\` loads the whole file into memory, only to be ${use} piece by piece: memory grows with the file.`,
            suggestion:
              use === 'hashed'
                ? 'Feed it in chunks: `for chunk in iter(lambda: f.read(1 << 16), b\'\'): h.update(chunk)` (Python 3.11+: `hashlib.file_digest(f, "sha256")`).'
                : use === 'copied'
                  ? 'Copy it in chunks: `shutil.copyfileobj(src, dst)`.'
                  : isRead
                    ? "Loop over the file itself (`for line in f:`) or over fixed-size chunks: `for chunk in iter(lambda: f.read(1 << 16), ''):`."
                    : 'Open it and loop over it in pieces: `with path.open() as f:` then `for line in f:`.',
          });
        },
      },
    };
  },
};

type StreamableUse = 'hashed' | 'copied' | 'looped over';

/** How the read's value is consumed, when streaming would do: directly, or through a name used once. */
function streamableUse(read: SyntaxNode, ctx: RuleContext): StreamableUse | undefined {
  const direct = consumer(read, ctx);
  if (direct) return direct;
  const assignment = read.parent;
  if (assignment?.name !== 'AssignStatement' || assignment.lastChild?.from !== read.from) return undefined;
  const target = assignment.firstChild;
  if (target?.name !== 'VariableName' || target.nextSibling?.name !== 'AssignOp') return undefined;
  const [use, other] = nextUses(assignment, ctx.text(target), ctx);
  return use && !other ? consumer(use, ctx) : undefined;
}

/** What the expression `value` feeds into, if that consumer could take it in pieces. */
function consumer(value: SyntaxNode, ctx: RuleContext): StreamableUse | undefined {
  const parent = value.parent;
  if (!parent) return undefined;
  if ((parent.name === 'ForStatement' || /Comprehension/.test(parent.name)) && value.prevSibling?.name === 'in')
    return 'looped over';
  // data.split() / data.split(',') looped over.
  if (parent.name === 'MemberExpression' && parent.firstChild?.from === value.from) {
    const call = parent.parent;
    if (call?.name === 'CallExpression' && SPLITTERS.has(methodCall(call, ctx.source)?.method ?? '')) {
      return call.parent &&
        (call.parent.name === 'ForStatement' || /Comprehension/.test(call.parent.name)) &&
        call.prevSibling?.name === 'in'
        ? 'looped over'
        : undefined;
    }
    return undefined;
  }
  if (parent.name !== 'ArgList') return undefined;
  const call = parent.parent;
  if (!call || callArguments(call, ctx.source).args.length !== 1) return undefined;
  const fn = calleeName(call, ctx.source);
  if (fn !== undefined && INCREMENTAL_DIGESTS.test(fn)) return 'hashed';
  const method = methodCall(call, ctx.source)?.method;
  if (method !== undefined && DIGEST_METHODS.has(method)) return 'hashed';
  if (method === 'write') return 'copied';
  return undefined;
}
