/** CPython's tokenizer refuses more than 200 nested brackets ("too many nested parentheses"). */
export const MAX_BRACKET_DEPTH = 200;


/**
 * Offset of the first bracket nested deeper than `maxDepth`, skipping strings and comments, or
 * `undefined`. Such code does not compile, and the parser's error recovery gets slow on it, so the
 * analyzer stops there.
 */
export function findExcessiveNesting(text: string, maxDepth = MAX_BRACKET_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 34 /* " */ || ch === 39 /* ' */) {
      i = endOfString(text, i) - 1;
    } else if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if (ch === 41 /* ) */ || ch === 93 /* ] */ || ch === 125 /* } */) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/** Offset just past the string literal opening at `start` (or the end of the line/text when unterminated). */
function endOfString(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 92 /* \ */) {
      i += 2;
    } else if (ch === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
      return i + (triple ? 3 : 1);
    } else if (!triple && (ch === 10 || ch === 13)) {
      return i;
    } else {
      i++;
    }
  }
  return text.length;
}
