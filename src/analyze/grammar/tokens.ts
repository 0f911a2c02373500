/*
 * External tokenizers and the indentation context for ./python.grammar, ported from
 * @lezer/python 1.1.19's src/tokens.js (MIT, Marijn Haverbeke and others; see ./python.grammar),
 * with two fixes, both covered by test/analyze/grammar.test.ts:
 * - a form feed resets the indentation count and counts as whitespace on a blank line, as in
 *   CPython's tokenizer (several standard-library modules separate sections with a lone ^L);
 * - `print` starts a Python 2 print statement only when what follows cannot continue a Python 3
 *   expression (`print "x"`, `print x`), so `print >> sys.stderr, "x"` is an expression again.
 */
import { ContextTracker, ExternalTokenizer, type InputStream } from '@lezer/lr';
import {
  newline as newlineToken,
  eof,
  newlineBracketed,
  blankLineStart,
  indent,
  dedent,
  printKeyword,
  ParenthesizedExpression,
  TupleExpression,
  ComprehensionExpression,
  PatternArgList,
  SequencePattern,
  MappingPattern,
  TypeParamList,
  ArrayExpression,
  ArrayComprehensionExpression,
  ArgList,
  ParamList,
  importList,
  subscript,
  withItems,
  DictionaryExpression,
  DictionaryComprehensionExpression,
  SetExpression,
  SetComprehensionExpression,
  String as StringTerm,
  FormatString,
  FormatReplacement,
  nestedFormatReplacement,
  stringStart,
  stringStartD,
  stringStartL,
  stringStartLD,
  stringStartR,
  stringStartRD,
  stringStartRL,
  stringStartRLD,
  stringStartF,
  stringStartFD,
  stringStartFL,
  stringStartFLD,
  stringStartFR,
  stringStartFRD,
  stringStartFRL,
  stringStartFRLD,
  stringContent,
  Escape,
  replacementStart,
  stringEnd,
  ParenL,
  BraceL,
  BracketL,
} from './parser.terms.js';

const newline = 10,
  carriageReturn = 13,
  space = 32,
  tab = 9,
  formFeed = 12,
  hash = 35,
  braceOpen = 123,
  braceClose = 125,
  singleQuote = 39,
  doubleQuote = 34,
  backslash = 92,
  letter_o = 111,
  letter_x = 120,
  letter_N = 78,
  letter_u = 117,
  letter_U = 85;

const bracketed = new Set([
  ParenthesizedExpression,
  TupleExpression,
  ComprehensionExpression,
  importList,
  ArgList,
  ParamList,
  ArrayExpression,
  ArrayComprehensionExpression,
  subscript,
  withItems,
  SetExpression,
  SetComprehensionExpression,
  FormatString,
  FormatReplacement,
  nestedFormatReplacement,
  DictionaryExpression,
  DictionaryComprehensionExpression,
  SequencePattern,
  MappingPattern,
  PatternArgList,
  TypeParamList,
]);

function isLineBreak(ch: number): boolean {
  return ch === newline || ch === carriageReturn;
}

function isHex(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 70) || (ch >= 97 && ch <= 102);
}

// Flags used in Context objects
const cx_Bracketed = 1,
  cx_String = 2,
  cx_DoubleQuote = 4,
  cx_Long = 8,
  cx_Raw = 16,
  cx_Format = 32;

class Context {
  readonly hash: number;
  constructor(
    readonly parent: Context | null,
    readonly indent: number,
    readonly flags: number,
  ) {
    this.hash = (parent ? (parent.hash + parent.hash) << 8 : 0) + indent + (indent << 4) + flags + (flags << 6);
  }
}

const topIndent = new Context(null, 0, 0);

export const newlines = new ExternalTokenizer(
  (input, stack) => {
    let prev: number;
    const context = stack.context as Context;
    if (input.next < 0) {
      input.acceptToken(eof);
    } else if (context.flags & cx_Bracketed) {
      if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1);
    } else if (((prev = input.peek(-1)) < 0 || isLineBreak(prev)) && stack.canShift(blankLineStart)) {
      let spaces = 0;
      while (input.next === space || input.next === tab || input.next === formFeed) {
        input.advance();
        spaces++;
      }
      if (input.next === newline || input.next === carriageReturn || input.next === hash)
        input.acceptToken(blankLineStart, -spaces);
    } else if (isLineBreak(input.next)) {
      input.acceptToken(newlineToken, 1);
    }
  },
  { contextual: true },
);

export const indentation = new ExternalTokenizer((input, stack) => {
  const context = stack.context as Context;
  if (context.flags) return;
  const prev = input.peek(-1);
  if ((prev === newline || prev === carriageReturn) && !continuesIndentation(input, prev)) {
    let depth = 0;
    let chars = 0;
    // A backslash continuation inside the indentation (`\` alone on a line, then the indented
    // code): as CPython's tokenizer does, the column of the first one sets the indentation, or,
    // at column 0, the indentation of the line it continues to.
    let continuedAt = 0;
    for (;;) {
      if (input.next === space) depth++;
      else if (input.next === tab) depth += 8 - (depth % 8);
      else if (input.next === formFeed) depth = 0;
      else if (input.next === backslash && isLineBreak(input.peek(1))) {
        if (continuedAt === 0) continuedAt = depth;
        input.advance();
        chars++;
        if ((input.next as number) === carriageReturn && input.peek(1) === newline) {
          input.advance();
          chars++;
        }
      } else break;
      input.advance();
      chars++;
    }
    if (continuedAt > 0) depth = continuedAt;
    if (depth !== context.indent && input.next !== newline && input.next !== carriageReturn && input.next !== hash) {
      if (depth < context.indent) input.acceptToken(dedent, -chars);
      else input.acceptToken(indent);
    }
  }
});

/**
 * Whether the line before (ending in `prev`) is only indentation and a backslash continuation:
 * its indentation was read where that line began, and this physical line goes on with it.
 */
function continuesIndentation(input: InputStream, prev: number): boolean {
  let at = prev === newline && input.peek(-2) === carriageReturn ? -3 : -2;
  if (input.peek(at) !== backslash) return false;
  for (at--; ; at--) {
    const ch = input.peek(at);
    if (ch === space || ch === tab || ch === formFeed) continue;
    return ch < 0 || isLineBreak(ch);
  }
}

/** The indentation an `indent` token's text stands for (see `indentation` for the backslash rule). */
function countIndent(text: string): number {
  let depth = 0;
  let continuedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === tab) depth += 8 - (depth % 8);
    else if (ch === formFeed) depth = 0;
    else if (ch === backslash) {
      if (continuedAt === 0) continuedAt = depth;
    } else if (!isLineBreak(ch)) depth++;
  }
  return continuedAt > 0 ? continuedAt : depth;
}

const stringFlags = new Map<number, number>(
  (
    [
      [stringStart, 0],
      [stringStartD, cx_DoubleQuote],
      [stringStartL, cx_Long],
      [stringStartLD, cx_Long | cx_DoubleQuote],
      [stringStartR, cx_Raw],
      [stringStartRD, cx_Raw | cx_DoubleQuote],
      [stringStartRL, cx_Raw | cx_Long],
      [stringStartRLD, cx_Raw | cx_Long | cx_DoubleQuote],
      [stringStartF, cx_Format],
      [stringStartFD, cx_Format | cx_DoubleQuote],
      [stringStartFL, cx_Format | cx_Long],
      [stringStartFLD, cx_Format | cx_Long | cx_DoubleQuote],
      [stringStartFR, cx_Format | cx_Raw],
      [stringStartFRD, cx_Format | cx_Raw | cx_DoubleQuote],
      [stringStartFRL, cx_Format | cx_Raw | cx_Long],
      [stringStartFRLD, cx_Format | cx_Raw | cx_Long | cx_DoubleQuote],
    ] as const
  ).map(([term, flags]) => [term, flags | cx_String]),
);

export const trackIndent = new ContextTracker<Context>({
  start: topIndent,
  reduce(context, term) {
    if (
      (context.flags & cx_Bracketed && bracketed.has(term)) ||
      ((term === StringTerm || term === FormatString) && context.flags & cx_String)
    ) {
      return context.parent ?? context;
    }
    return context;
  },
  shift(context, term, stack, input) {
    if (term === indent) return new Context(context, countIndent(readInput(input, input.pos, stack.pos)), 0);
    if (term === dedent) return context.parent ?? context;
    if (term === ParenL || term === BracketL || term === BraceL || term === replacementStart)
      return new Context(context, 0, cx_Bracketed);
    const flags = stringFlags.get(term);
    if (flags !== undefined) return new Context(context, 0, flags | (context.flags & cx_Bracketed));
    return context;
  },
  hash: (context) => context.hash,
});

/** `InputStream.read` exists at run time (the upstream tokenizer uses it) but is not in the typings. */
function readInput(input: InputStream, from: number, to: number): string {
  return (input as unknown as { read(from: number, to: number): string }).read(from, to);
}

/** Words that continue a Python 3 expression after a name (`print if x else y`, `print in xs`). */
const CONTINUING_WORDS = new Set(['if', 'else', 'in', 'is', 'and', 'or', 'not', 'for', 'async', 'as']);

export const legacyPrint = new ExternalTokenizer((input) => {
  for (let i = 0; i < 5; i++) {
    if (input.next !== 'print'.charCodeAt(i)) return;
    input.advance();
  }
  if (isWordChar(input.next)) return;
  let off = 0;
  while (input.peek(off) === space || input.peek(off) === tab) off++;
  const next = input.peek(off);
  // Only what cannot follow a Python 3 expression starts a Python 2 statement: a name, a number, a string.
  const startsOperand = isWordChar(next) || next === singleQuote || next === doubleQuote;
  if (!startsOperand || CONTINUING_WORDS.has(wordAt(input, off))) return;
  input.acceptToken(printKeyword);
});

function isWordChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch > 127;
}

function wordAt(input: InputStream, offset: number): string {
  let word = '';
  for (let i = offset; isWordChar(input.peek(i)) && word.length < 6; i++) word += String.fromCharCode(input.peek(i));
  return word;
}

export const strings = new ExternalTokenizer((input, stack) => {
  const { flags } = stack.context as Context;
  const quote = flags & cx_DoubleQuote ? doubleQuote : singleQuote;
  const long = (flags & cx_Long) > 0;
  const escapes = !(flags & cx_Raw);
  const format = (flags & cx_Format) > 0;

  const start = input.pos;
  for (;;) {
    if (input.next < 0) {
      break;
    } else if (format && input.next === braceOpen) {
      if (input.peek(1) === braceOpen) {
        input.advance(2);
      } else {
        if (input.pos === start) {
          input.acceptToken(replacementStart, 1);
          return;
        }
        break;
      }
    } else if (escapes && input.next === backslash) {
      if (input.pos === start) {
        input.advance();
        const escaped = input.next;
        if (escaped >= 0) {
          input.advance();
          skipEscape(input, escaped);
        }
        input.acceptToken(Escape);
        return;
      }
      break;
    } else if (
      input.next === backslash &&
      !escapes &&
      (input.peek(1) === quote || input.peek(1) === backslash || isLineBreak(input.peek(1)))
    ) {
      // Raw strings still ignore escaped quotes and line breaks, weirdly. (Only those and a backslash are skipped:
      // in `fr'\{{'` the braces are still an escaped brace, not a replacement field.) A backslash before CR LF
      // continues the line over both characters, as CPython reads a CRLF file.
      input.advance(input.peek(1) === carriageReturn && input.peek(2) === newline ? 3 : 2);
    } else if (input.next === quote && (!long || (input.peek(1) === quote && input.peek(2) === quote))) {
      if (input.pos === start) {
        input.acceptToken(stringEnd, long ? 3 : 1);
        return;
      }
      break;
    } else if (input.next === newline) {
      if (long) {
        input.advance();
      } else if (input.pos === start) {
        input.acceptToken(stringEnd);
        return;
      }
      break;
    } else {
      input.advance();
    }
  }
  if (input.pos > start) input.acceptToken(stringContent);
});

function skipEscape(input: InputStream, ch: number) {
  if (ch === carriageReturn) {
    // `\` at the end of a line in a CRLF file: the continuation is the whole line break, or the LF left over
    // would end a short string (CPython accepts it).
    if (input.next === newline) input.advance();
  } else if (ch === letter_o) {
    for (let i = 0; i < 2 && input.next >= 48 && input.next <= 55; i++) input.advance();
  } else if (ch === letter_x) {
    for (let i = 0; i < 2 && isHex(input.next); i++) input.advance();
  } else if (ch === letter_u) {
    for (let i = 0; i < 4 && isHex(input.next); i++) input.advance();
  } else if (ch === letter_U) {
    for (let i = 0; i < 8 && isHex(input.next); i++) input.advance();
  } else if (ch === letter_N) {
    if (input.next === braceOpen) {
      let next = input.advance();
      while (next >= 0 && next !== braceClose && next !== singleQuote && next !== doubleQuote && next !== newline)
        next = input.advance();
      if (next === braceClose) input.advance();
    }
  }
}
