import type { Tree } from '@lezer/common';
import { parser } from './grammar/parser.js';
import { findExcessiveNesting, MAX_BRACKET_DEPTH } from './bracket-depth.js';
import type { SourceMap } from './source-map.js';
import type { SyntaxErrorReport } from './types.js';

/** A (possibly partial) syntax tree and where the code does not parse. */
export interface ParsedCode {
  readonly tree: Tree;
  readonly syntaxErrors: readonly SyntaxErrorReport[];
}

const SHOWN_TOKEN = /^\S{1,24}/;

/**
 * Parses Python with our build of the `@lezer/python` grammar (./grammar/), which recovers from
 * syntax errors, so broken code still yields a tree. Error nodes become one syntax error per line. Code nested deeper than CPython allows is
 * parsed only up to the line where that happens.
 *
 * @example
 * const { tree, syntaxErrors } = parsePython(new SourceMap(dedent('def f(:\n    pass')));
 */
export function parsePython(source: SourceMap): ParsedCode {
  const text = source.text;
  const tooDeep = findExcessiveNesting(text);
  const tree = tooDeep === undefined ? parser.parse(text) : parseUpTo(text, lineStart(text, tooDeep));

  const errors: SyntaxErrorReport[] = [];
  let lastLine = -1;
  const cursor = tree.cursor();
  do {
    if (!cursor.type.isError) continue;
    const line = source.lineOf(cursor.from);
    if (line === lastLine) continue;
    lastLine = line;
    errors.push(describeError(source, cursor.from, cursor.to));
  } while (cursor.next());

  if (tooDeep !== undefined) {
    errors.push({
      range: source.range(tooDeep, tooDeep + 1),
      message: `too many nested parentheses (Python allows ${MAX_BRACKET_DEPTH}); the code from this line on was not analyzed`,
    });
  }
  return { tree, syntaxErrors: errors };
}

function parseUpTo(text: string, stop: number): Tree {
  const parse = parser.startParse(text);
  parse.stopAt(stop);
  for (;;) {
    const tree = parse.advance();
    if (tree) return tree;
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
    return { range: source.range(from, from), message: 'invalid syntax: the code ends too early (an unclosed bracket or an empty block?)' };
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
