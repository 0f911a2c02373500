import type { PartialParse, Tree } from '@lezer/common';
import { parser } from './grammar/parser.js';
import { currentWorkMeter } from './analysis-budget.js';
import { findExcessiveNesting, logicalLineEnds, MAX_BRACKET_DEPTH } from './bracket-depth.js';
import type { SourceMap } from './source-map.js';
import type { SyntaxErrorReport } from './types.js';

/** A (possibly partial) syntax tree and where the code does not parse. */
export interface ParsedCode {
  readonly tree: Tree;
  readonly syntaxErrors: readonly SyntaxErrorReport[];
}

const SHOWN_TOKEN = /^\S{1,24}/;

/**
 * Deepest parse stack (LR frames) the parser may reach before it stops. Valid Python at CPython's
 * own limits (200 nested brackets inside 100 nested blocks) needs about 1,000; chains of unary
 * operators, `lambda:` or `await` nest one frame per token and have no limit of their own. Past
 * 2,800 frames the parser's own cut-off gets slow, and the tree it builds nests so deep that
 * building it recurses past the stack in a cold process (issue #19).
 */
export const MAX_PARSE_DEPTH = 1_000;

/**
 * Error-recovery work (steps taken while recovering, times the parse stacks each step tries) the
 * parser may do before it gives up on the rest of the code, as compilers stop after too many
 * errors. Garbage such as 64 KiB of `:` or `([)]` kept it recovering for 2–9 s. Code with a
 * syntax error every few lines (the analyzer's test corpus, repeated to 64 KiB: 255 syntax errors
 * in 3,067 lines) uses about 9,000.
 */
export const MAX_RECOVERY_WORK = 12_000;

/**
 * Work units of one error-recovery step per parse stack. A plain step is one unit; recovering
 * costs about sixteen times as much per stack (measured over the worst inputs found, issue #19).
 */
const RECOVERY_STEP_UNITS = 16;

/**
 * Parses Python with our build of the `@lezer/python` grammar (./grammar/), which recovers from
 * syntax errors, so broken code still yields a tree. Error nodes become one syntax error per line. Code nested deeper than CPython allows is
 * parsed only up to the line where that happens; code nested deeper than {@link MAX_PARSE_DEPTH},
 * or broken enough to exhaust {@link MAX_RECOVERY_WORK}, only up to where the parser stopped. Every
 * parser step is charged to the running analysis' work meter, if any.
 *
 * @example
 * const { tree, syntaxErrors } = parsePython(new SourceMap(dedent('def f(:\n    pass')));
 */
export function parsePython(source: SourceMap): ParsedCode {
  const text = source.text;
  const tooDeep = findExcessiveNesting(text);
  const { tree, stopped, errorNodes, forcedOut } = parseWithinStack(
    text,
    tooDeep === undefined ? undefined : lineStart(text, tooDeep),
  );

  const errors: SyntaxErrorReport[] = [];
  let lastLine = -1;
  // Where the parser forced itself out of a long chain (see LEZER_MAX_LEFT_ASSOCIATIVE_REDUCTIONS),
  // the rest of that statement is valid code that it read as broken.
  const forcedEnds = logicalLineEnds(text, forcedOut);
  const forced = forcedOut.map((at, i) => ({ from: at, to: forcedEnds[i] ?? text.length }));
  for (const { from, to } of errorNodes) {
    if (forced.some((span) => from >= span.from && from <= span.to)) continue;
    const line = source.lineOf(from);
    if (line === lastLine) continue;
    lastLine = line;
    errors.push(describeError(source, from, to));
  }

  if (stopped) {
    errors.push({ range: source.range(stopped.at, stopped.at), message: STOP_MESSAGES[stopped.why] });
  } else if (tooDeep !== undefined) {
    errors.push({
      range: source.range(tooDeep, tooDeep + 1),
      message: `too many nested parentheses (Python allows ${MAX_BRACKET_DEPTH}); the code from this line on was not analyzed`,
    });
  }
  return { tree, syntaxErrors: errors };
}

const STOP_MESSAGES = {
  depth: `nested too deeply to parse (over ${MAX_PARSE_DEPTH.toLocaleString('en-US')} levels of brackets, blocks and operators); the code from here on was not analyzed`,
  errors: 'too many syntax errors to recover from; the code from here on was not analyzed',
} as const;

/**
 * {@link boundedParse}, on ever shorter prefixes while building the tree overflows the stack. A
 * left-recursive chain (`a.a.a…`, `a[0][0]…`, 30,000 long) keeps the parse stack shallow, so the
 * depth limit does not see it, but nests the tree as deep as the chain, and `@lezer/common` builds
 * trees recursively: in a cold process with less stack (a worker thread) that overflowed. CPython
 * gives up on such code too (a `RecursionError` while compiling).
 */
function parseWithinStack(
  text: string,
  end: number | undefined,
): ReturnType<typeof boundedParse> & { errorNodes: readonly ErrorNode[] } {
  let stop = end;
  for (;;) {
    try {
      const parsed = boundedParse(text, stop);
      // Our grammar's f-string tokenizer can leave a node of no type in a tree of heavily broken
      // f-strings (64 KiB of `f"{0%%0` lines, found by the fuzz test); nothing after it can be
      // walked, so the analysis stops there, with a syntax error saying so.
      const scanned = scanTree(parsed.tree);
      if (scanned.untyped !== undefined) {
        const cut = boundedParse(text, scanned.untyped);
        return {
          ...cut,
          stopped: { at: scanned.untyped, why: 'errors' },
          errorNodes: scanTree(cut.tree).errorNodes,
        };
      }
      const { errorNodes } = scanned;
      return stop === end || parsed.stopped
        ? { ...parsed, errorNodes }
        : { ...parsed, stopped: { at: stop ?? text.length, why: 'depth' }, errorNodes };
    } catch (error) {
      if (!(error instanceof RangeError) || (stop ?? text.length) === 0) throw error;
      stop = Math.floor((stop ?? text.length) / 2);
    }
  }
}

interface ErrorNode {
  readonly from: number;
  readonly to: number;
}

/**
 * One walk over the tree (on a 64 KiB input, walking it costs about a tenth of the analysis): its
 * error nodes, in document order, and where the first node of no type stands, if any.
 */
function scanTree(tree: Tree): { errorNodes: ErrorNode[]; untyped?: number } {
  const errorNodes: ErrorNode[] = [];
  const cursor = tree.cursor();
  do {
    const type = cursor.type as typeof cursor.type | undefined;
    if (!type) return { errorNodes, untyped: cursor.from };
    if (type.isError) errorNodes.push({ from: cursor.from, to: cursor.to });
  } while (cursor.next());
  return { errorNodes };
}

/** What `@lezer/lr`'s parse holds beyond `PartialParse` (internals of its `Parse` class, checked by a test). */
interface LrParseState {
  readonly recovering?: number;
  readonly stacks?: readonly { readonly stack: readonly number[]; readonly pos: number }[];
  /** How many reductions in a row started where the last big one did (`Parse.bigReductionCount`). */
  readonly bigReductionCount?: number;
}

/**
 * `@lezer/lr`'s `Rec.MaxLeftAssociativeReductionCount`: past this many reductions of one
 * left-associative chain over 2,000 characters (`a + b + c …`), the parser forces itself out of
 * the chain so that the tree does not nest deeper than it can build, and the rest of the chain
 * then reads as a syntax error. Valid code has such chains (a generated polynomial in sympy's
 * `resolvent_lookup.py`: 400 terms on one expression).
 */
const LEZER_MAX_LEFT_ASSOCIATIVE_REDUCTIONS = 300;

/**
 * Runs the parse step by step: up to `end` when given, and stopping early (where the parse has got
 * to) when it nests deeper than {@link MAX_PARSE_DEPTH} or exhausts {@link MAX_RECOVERY_WORK}. This
 * keeps the parser's work linear in the input and the tree shallow enough to build and walk.
 */
function boundedParse(
  text: string,
  end: number | undefined,
): { tree: Tree; stopped?: { at: number; why: keyof typeof STOP_MESSAGES }; forcedOut: readonly number[] } {
  const parse: PartialParse & LrParseState = parser.startParse(text);
  if (end !== undefined) parse.stopAt(end);
  const meter = currentWorkMeter();
  let recoveryWork = 0;
  let stopped: { at: number; why: keyof typeof STOP_MESSAGES } | undefined;
  const forcedOut: number[] = [];
  for (;;) {
    const stacks = parse.stacks ?? [];
    const recovering = (parse.recovering ?? 0) > 0;
    if (recovering) recoveryWork += stacks.length;
    meter?.charge(recovering ? RECOVERY_STEP_UNITS * stacks.length : 1);
    // The parser is about to force itself out of a long chain (see LEZER_MAX_LEFT_ASSOCIATIVE_REDUCTIONS).
    const [only] = stacks;
    if (stacks.length === 1 && only && (parse.bigReductionCount ?? 0) > LEZER_MAX_LEFT_ASSOCIATIVE_REDUCTIONS)
      forcedOut.push(only.pos);
    const tree = parse.advance();
    if (tree) return { tree, ...(stopped && { stopped }), forcedOut };
    if (stopped) continue;
    let why: keyof typeof STOP_MESSAGES | undefined;
    if (recoveryWork > MAX_RECOVERY_WORK) why = 'errors';
    else if ((parse.stacks ?? []).some((s) => s.stack.length > MAX_PARSE_DEPTH * 3)) why = 'depth';
    if (why) {
      const at = parse.parsedPos;
      if (parse.stoppedAt === null || at < parse.stoppedAt) {
        parse.stopAt(at);
        stopped = { at, why };
      }
    }
  }
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function describeError(source: SourceMap, from: number, to: number): SyntaxErrorReport {
  const text = source.text;
  if (to > from) {
    const unexpected = text.slice(from, Math.min(to, source.lineEnd(from))).trim();
    return {
      range: source.range(from, Math.min(to, source.lineEnd(from))),
      message: unexpected ? `invalid syntax: unexpected ${quote(unexpected)}` : 'invalid syntax: unexpected line break',
    };
  }
  const rest = text.slice(from, source.lineEnd(from));
  const next = SHOWN_TOKEN.exec(rest.trimStart())?.[0];
  if (from >= text.trimEnd().length) {
    return {
      range: source.range(from, from),
      message: 'invalid syntax: the code ends too early (an unclosed bracket or an empty block?)',
    };
  }
  if (next === undefined) {
    return { range: source.range(from, from), message: 'invalid syntax: something is missing at the end of this line' };
  }
  const start = from + (rest.length - rest.trimStart().length);
  return { range: source.range(start, start + next.length), message: `invalid syntax before ${quote(next)}` };
}

function quote(token: string): string {
  const shown = token.length > 24 ? `${token.slice(0, 24)}…` : token;
  return `"${shown}"`;
}
