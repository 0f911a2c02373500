import type { SyntaxNode } from '@lezer/common';
import { carriedLoops, type CarriedLoops } from '../accumulators.js';
import { scopeOf } from '../bindings.js';
import { freshName, insideTry, isLocalBoundBefore, startsLine, surround } from '../fixes.js';
import type { ReportFix, Rule, RuleContext } from '../rule.js';
import { dottedName } from '../syntax.js';
import { isTextKind, valueKind, type ValueKind } from '../value-kind.js';
import { forEachDescendant, forEachNamed } from '../walk.js';

/** A `bytearray` grows in place (amortized O(1) appends): not this rule's concern. */
const NOT_TEXT: readonly ValueKind[] = ['number', 'list', 'tuple', 'dict', 'set', 'bytearray'];

/** One `s += piece`, `s = s + piece` or `s = piece + s`. */
interface Growth {
  readonly statement: SyntaxNode;
  readonly target: string;
  readonly targetNode: SyntaxNode;
  /** What is added (the operands other than the target). */
  readonly pieces: readonly SyntaxNode[];
  readonly prepend: boolean;
  /** `s += x` (true) or `s = s + x` (false). */
  readonly augmented: boolean;
}

/**
 * A string or bytes accumulator grown with `+` across the iterations of a loop: assigned before the
 * loop, grown inside it, never reset inside it, in a loop the code does not bound. One finding per
 * variable and scope. A fresh value extended once per iteration (`line += '\n'` on the loop
 * variable, `prefix = name(o); prefix += '='`) is not an accumulator and is left alone, as are
 * numbers (`count += 1`) and lists.
 */
export const stringConcatInLoop: Rule = {
  id: 'string-concat-in-loop',
  severity: 'warning',
  summary: 'String or bytes accumulator grown with `+=` / `s = s + …` across loop iterations',
  triggers: ['for', 'while'],
  create(ctx) {
    const growths: Growth[] = [];
    return {
      enter: {
        UpdateStatement(node) {
          const target = node.firstChild;
          const op = target?.nextSibling;
          const value = node.lastChild;
          if (!target || !op || !value || value === op || ctx.text(op) !== '+=' || !isAssignable(target)) return;
          growths.push({
            statement: node,
            target: ctx.text(target),
            targetNode: target,
            pieces: [value],
            prepend: false,
            augmented: true,
          });
        },
        AssignStatement(node) {
          const target = node.firstChild;
          const op = target?.nextSibling;
          const value = op?.nextSibling;
          if (
            !target ||
            op?.name !== 'AssignOp' ||
            !value ||
            value.nextSibling ||
            !isAssignable(target) ||
            value.name !== 'BinaryExpression'
          )
            return;
          const operands = plusOperands(value, ctx);
          if (!operands) return;
          const name = ctx.text(target);
          const at = operands.findIndex((o) => ctx.text(o) === name);
          if (at < 0 || operands.filter((o) => ctx.text(o) === name).length > 1) return;
          // `s = s + x` appends; `s = x + s` prepends; `s = a + s + b` does both (no fix, still a finding).
          const prepend = at === operands.length - 1 && at > 0;
          growths.push({
            statement: node,
            target: name,
            targetNode: target,
            pieces: operands.filter((_, i) => i !== at),
            prepend,
            augmented: false,
          });
        },
      },
      finish() {
        const reported = new Set<string>();
        for (const growth of growths) {
          const key = `${scopeOf(growth.statement).from}:${growth.target}`;
          if (reported.has(key)) continue;
          const kind = textKind(ctx, growth.targetNode, growth.pieces);
          if (!kind) continue;
          const carried = carriedLoops(growth.statement, growth.target, ctx.source);
          if (!carried) continue;
          reported.add(key);
          const sameVariable = growths.filter(
            (g) =>
              g.target === growth.target &&
              g.statement.from >= carried.outermost.from &&
              g.statement.to <= carried.outermost.to,
          );
          const read = readInLoop(growth.target, sameVariable, carried.outermost, kind, ctx);
          const fix = read ? undefined : buildFix(growth, sameVariable, carried, kind, ctx);
          ctx.report({
            node: growth.statement,
            message:
              kind === 'bytes'
                ? `\`${growth.target}\` is a bytes object carried across the iterations of this loop and grown with \`+\`. Bytes objects are immutable, so every step copies everything built so far.`
                : `\`${growth.target}\` is a string carried across the iterations of this loop and grown with \`+\`: each step can copy everything built so far.`,
            suggestion:
              (read && readSuggestion(growth, read, carried.outermost, kind, ctx)) ?? suggestion(growth, kind, ctx),
            ...(fix && { fix }),
          });
        }
      },
    };
  },
};

function suggestion(growth: Growth, kind: 'str' | 'bytes', ctx: RuleContext): string {
  const name = growth.target;
  const only = growth.pieces.length === 1 ? growth.pieces[0] : undefined;
  const text = only ? ctx.text(only) : '';
  const piece = only && text.length <= 40 && !/[\r\n]/.test(text) ? text : 'piece';
  if (kind === 'bytes') {
    return growth.prepend
      ? `Collect the chunks in a list and join once after the loop: \`chunks.append(${piece})\` in the loop, then \`${name} = b''.join(reversed(chunks)) + ${name}\` (they were prepended).`
      : `Grow a \`bytearray\` in place, which appends without copying: \`${name} = bytearray(${name})\` before the loop, \`${name} += ${piece}\` in it, \`${name} = bytes(${name})\` after it.`;
  }
  return growth.prepend
    ? `Collect the pieces in a list and join once after the loop, keeping the initial value last: \`parts = [${name}]\` before the loop, \`parts.append(${piece})\` in it, then \`${name} = ''.join(reversed(parts))\` (the pieces were prepended).`
    : `Collect the pieces in a list and join once after the loop, keeping the initial value: \`parts = [${name}]\` before the loop, \`parts.append(${piece})\` in it, then \`${name} = ''.join(parts)\`.`;
}

/**
 * The rewrite, when it provably keeps the result: a local name, bound before the loop, only ever
 * grown (never read, never grown both ways) inside the loop, outside any `try`, and not shared
 * with nested functions. Strings collect into a list joined after the loop (reversed for
 * prepends); bytes become a `bytearray` for the loop.
 */
function buildFix(
  growth: Growth,
  all: readonly Growth[],
  carried: CarriedLoops,
  kind: 'str' | 'bytes',
  ctx: RuleContext,
): ReportFix | undefined {
  const loop = carried.outermost;
  const name = growth.target;
  const source = ctx.source;
  if (growth.targetNode.name !== 'VariableName' || !startsLine(loop, source) || insideTry(loop)) return undefined;
  if (!isLocalBoundBefore(name, loop, loop.from, source)) return undefined;
  const prepend = all[0]?.prepend ?? false;
  if (
    all.some((g) => g.prepend !== prepend || g.targetNode.name !== 'VariableName' || !startsLine(g.statement, source))
  )
    return undefined;
  if (all.some((g) => !g.augmented && !g.prepend && !isPlainAppend(g, ctx))) return undefined;
  if (kind === 'bytes' && prepend) return undefined;

  const pieceText = (g: Growth) => g.pieces.map((p) => ctx.text(p)).join(' + ');
  if (kind === 'bytes') {
    const edits = surround(loop, source, `${name} = bytearray(${name})`, `${name} = bytes(${name})`);
    for (const g of all)
      if (!g.augmented) edits.push({ from: g.statement.from, to: g.statement.to, text: `${name} += ${pieceText(g)}` });
    return {
      description: `Grow \`${name}\` as a bytearray inside the loop (in place, no copies) and turn it back into bytes after it.`,
      edits: sorted(edits),
    };
  }
  const parts = freshName(`${name}_parts`, source);
  const edits = surround(
    loop,
    source,
    `${parts} = [${name}]`,
    `${name} = ''.join(${prepend ? `reversed(${parts})` : parts})`,
  );
  for (const g of all)
    edits.push({ from: g.statement.from, to: g.statement.to, text: `${parts}.append(${pieceText(g)})` });
  return {
    description: `Collect the pieces of \`${name}\` in a list (starting with its current value) and join them once after the loop${prepend ? ', in reverse since they were prepended' : ''}.`,
    edits: sorted(edits),
  };
}

/**
 * The first place the loop reads the accumulator other than to grow it (in a `while` condition, in
 * a piece, anywhere in the body), or undefined. A list joined after the loop only keeps the
 * program's meaning when nothing in the loop looks at the value being built.
 */
function readInLoop(
  name: string,
  all: readonly Growth[],
  loop: SyntaxNode,
  kind: 'str' | 'bytes',
  ctx: RuleContext,
): SyntaxNode | undefined {
  const source = ctx.source;
  const allowed = new Set<number>();
  let read: SyntaxNode | undefined;
  for (const g of all) {
    allowed.add(g.targetNode.from);
    const piece = g.pieces.find((p) => dottedName(p, source) === name || mentionsName(p, name, ctx));
    if (piece) read ??= piece;
    if (!g.augmented)
      forEachDescendant(g.statement, (n) => {
        if (n.name === 'VariableName' && ctx.text(n) === name && !within(n, g.pieces)) allowed.add(n.from);
      });
  }
  forEachDescendant(loop, (n) => {
    // A bytearray answers len() like the bytes it replaces (`while len(buf) < n:`).
    if (
      n.name === 'VariableName' &&
      ctx.text(n) === name &&
      !allowed.has(n.from) &&
      !(kind === 'bytes' && isLengthArgument(n, ctx))
    ) {
      if (!read || n.from < read.from) read = n;
    }
    return read === undefined;
  });
  return read;
}

function within(node: SyntaxNode, containers: readonly SyntaxNode[]): boolean {
  return containers.some((c) => node.from >= c.from && node.to <= c.to);
}

/**
 * The suggestion when the loop reads what it builds: collecting pieces and joining after the loop
 * would change what that read sees; where it is the `while` condition (`while len(s) % 3 != 0:
 * s = "0" + s`), the loop would never stop. Undefined for bytes appended in place (a `bytearray`
 * can be read as it grows, so the usual suggestion holds).
 */
function readSuggestion(
  growth: Growth,
  read: SyntaxNode,
  loop: SyntaxNode,
  kind: 'str' | 'bytes',
  ctx: RuleContext,
): string | undefined {
  if (kind === 'bytes' && !growth.prepend) return undefined;
  const name = growth.target;
  const condition = whileConditionAround(read, loop);
  if (condition) {
    const shown = ctx.text(condition);
    const quoted = shown.length <= 60 && !/[\r\n]/.test(shown) ? `\`${shown}\`` : 'it';
    const padding = paddingRewrite(growth, condition, loop, ctx);
    return (
      `The loop's condition reads \`${name}\` (${quoted}), so do not collect the pieces and join them after the loop: the condition would never see them grow and the loop would not stop. ` +
      (padding
        ? `This loop pads \`${name}\`: compute the padding once instead, \`${padding}\`.`
        : `Work out from \`${name}\` before the loop how much it adds, and add it in one step (\`${name} = piece * count + ${name}\`, or \`str.rjust\`/\`str.ljust\` for padding).`)
    );
  }
  const line = ctx.source.slice(0, read.from).split('\n').length;
  return (
    `The loop reads \`${name}\` while building it (line ${line}), so a list joined only after the loop would change what that read sees. ` +
    `Keep what the read needs next to the list (a running length, the last piece) and join once after the loop; if it needs the whole text on every iteration, the copying is inherent to this algorithm.`
  );
}

/** The condition of a `while` loop (the carried loop or one inside it) that contains `node`, outside its body. */
function whileConditionAround(node: SyntaxNode, loop: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node.parent; n && n.from >= loop.from; n = n.parent) {
    if (n.name === 'Body') return undefined;
    if (n.name === 'WhileStatement') {
      const condition = n.firstChild?.nextSibling;
      return condition && node.from >= condition.from && node.to <= condition.to ? condition : undefined;
    }
  }
  return undefined;
}

/**
 * `while len(s) % K != 0: s = c + s` (or `s += c`) with one one-character literal and nothing else in the
 * loop: the padding in one step, `s = c * (-len(s) % K) + s`. `while len(s) < N:` is left to the
 * general text (the loop is bounded by a constant there and not reported).
 */
function paddingRewrite(growth: Growth, condition: SyntaxNode, loop: SyntaxNode, ctx: RuleContext): string | undefined {
  const name = growth.target;
  const piece = growth.pieces.length === 1 ? growth.pieces[0] : undefined;
  if (!piece || piece.name !== 'String' || !/^(['"])[^'"\\]\1$/.test(ctx.text(piece))) return undefined;
  const body = loop.lastChild;
  const statements = body ? namedChildren(body).filter((c) => c.name !== ':' && c.name !== 'Comment') : [];
  if (loop.name !== 'WhileStatement' || statements.length !== 1 || statements[0]?.from !== growth.statement.from)
    return undefined;
  const match = /^len\(\s*([\w.]+)\s*\)\s*%\s*(\d+)\s*(?:!=|>)\s*0$/.exec(ctx.text(condition).trim());
  if (!match || match[1] !== name || Number(match[2]) < 2) return undefined;
  const count = `-len(${name}) % ${match[2]}`;
  const c = ctx.text(piece);
  return growth.prepend ? `${name} = ${c} * (${count}) + ${name}` : `${name} += ${c} * (${count})`;
}

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** `len(name)`. */
function isLengthArgument(name: SyntaxNode, ctx: RuleContext): boolean {
  const call = name.parent?.parent;
  return (
    name.parent?.name === 'ArgList' &&
    call?.name === 'CallExpression' &&
    call.firstChild !== null &&
    ctx.text(call.firstChild) === 'len'
  );
}

/** `s = s + a + b`: the target is the leftmost operand. */
function isPlainAppend(growth: Growth, ctx: RuleContext): boolean {
  const value = growth.statement.lastChild;
  let left = value;
  while (left?.name === 'BinaryExpression') left = left.firstChild;
  return left !== null && left !== undefined && ctx.text(left) === growth.target;
}

function mentionsName(node: SyntaxNode, name: string, ctx: RuleContext): boolean {
  let found = false;
  forEachDescendant(node, (n) => {
    if (n.name === 'VariableName' && ctx.text(n) === name) found = true;
    return !found;
  });
  return found;
}

function sorted<T extends { from: number }>(edits: T[]): T[] {
  return edits.sort((a, b) => a.from - b.from);
}

function isAssignable(node: SyntaxNode): boolean {
  return node.name === 'VariableName' || (node.name === 'MemberExpression' && node.lastChild?.name === 'PropertyName');
}

/** The operands of `a + b + c` (left-associative), or undefined when another operator is involved. */
function plusOperands(expr: SyntaxNode, ctx: RuleContext): SyntaxNode[] | undefined {
  const operands: SyntaxNode[] = [];
  let current: SyntaxNode = expr;
  while (current.name === 'BinaryExpression') {
    const left = current.firstChild;
    const op = left?.nextSibling;
    const right = current.lastChild;
    if (!left || !op || !right || ctx.text(op) !== '+') return undefined;
    operands.unshift(right);
    current = left;
  }
  operands.unshift(current);
  return operands;
}

/**
 * `str`/`bytes` when the target is text, from its own assignments (for `self.x`, those anywhere in
 * the class: `self._buffer = bytes()` in `__init__`) or from what is added to it.
 */
function textKind(ctx: RuleContext, target: SyntaxNode, added: readonly SyntaxNode[]): 'str' | 'bytes' | undefined {
  const assigned = target.name === 'VariableName' ? ctx.kindsOf(ctx.text(target), target) : attributeKinds(target, ctx);
  if (NOT_TEXT.some((k) => assigned.has(k))) return undefined;
  if (assigned.has('bytes')) return 'bytes';
  if (assigned.has('str')) return 'str';
  for (const node of added) {
    const kind = valueKind(node, ctx.source);
    if (isTextKind(kind)) return kind as 'str' | 'bytes';
  }
  return undefined;
}

const CLASS_ASSIGNMENTS = new Set(['AssignStatement']);
const NO_SKIP = new Set<string>();

/** Kinds assigned to `self.x` anywhere in the enclosing class (computed once per class). */
function attributeKinds(target: SyntaxNode, ctx: RuleContext): ReadonlySet<ValueKind> {
  const text = ctx.text(target);
  if (!text.startsWith('self.')) return new Set();
  let cls: SyntaxNode | null = target.parent;
  while (cls && cls.name !== 'ClassDefinition') cls = cls.parent;
  if (!cls) return new Set();
  const owner = cls;
  const byAttribute = ctx.shared(`self-attribute-kinds:${owner.from}`, () => {
    const kinds = new Map<string, Set<ValueKind>>();
    forEachNamed(owner, CLASS_ASSIGNMENTS, NO_SKIP, (statement) => {
      const t = statement.firstChild;
      const op = t?.nextSibling;
      const value = op?.nextSibling;
      if (t?.name !== 'MemberExpression' || op?.name !== 'AssignOp' || !value || value.nextSibling) return;
      const name = ctx.text(t);
      if (!name.startsWith('self.')) return;
      const set = kinds.get(name) ?? new Set<ValueKind>();
      // `self.buf = self.buf[n:]` keeps whatever it was; it says nothing new.
      const kind = valueKind(value, ctx.source);
      if (kind !== 'unknown' || value.name !== 'MemberExpression') set.add(kind);
      kinds.set(name, set);
    });
    return kinds;
  });
  return byAttribute.get(text) ?? new Set();
}
