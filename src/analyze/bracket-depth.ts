/** CPython's tokenizer refuses more than 200 nested brackets ("too many nested parentheses"). */
export const MAX_BRACKET_DEPTH = 200;

const OPENING_FOR: Readonly<Record<number, number>> = {
  41 /* ) */: 40 /* ( */,
  93 /* ] */: 91 /* [ */,
  125 /* } */: 123 /* { */,
};

/**
 * Offset of the first bracket nested deeper than `maxDepth`, skipping strings and comments, or
 * `undefined`. Such code does not compile, and the parser's error recovery gets slow on it, so the
 * analyzer stops there.
 *
 * Brackets are matched by type, as CPython's tokenizer does: `)` closes the nearest open `(` (and
 * any `[` or `{` left open inside it, which is how a typo like `f(a[1)` reads); a closing bracket
 * that matches nothing open is skipped and closes nothing. So `(]` and `](` repeated nest deeper
 * and deeper, as they do for the parser, instead of looking balanced to a plain counter.
 */
export function findExcessiveNesting(text: string, maxDepth = MAX_BRACKET_DEPTH): number | undefined {
  // The open brackets, innermost last (their character codes; never more than maxDepth + 1), and
  // how many of each are open, so that a closing bracket matching nothing costs no search: each
  // search then ends at a bracket it removes, and the scan stays linear.
  const open: number[] = [];
  const openCount = new Map<number, number>([
    [40, 0],
    [91, 0],
    [123, 0],
  ]);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    const skipped = endOfCommentOrString(text, i);
    if (skipped !== undefined) {
      i = skipped - 1;
    } else if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) {
      open.push(ch);
      openCount.set(ch, (openCount.get(ch) ?? 0) + 1);
      if (open.length > maxDepth) return i;
    } else if (ch === 41 /* ) */ || ch === 93 /* ] */ || ch === 125 /* } */) {
      const opening = OPENING_FOR[ch] ?? -1;
      if (!openCount.get(opening)) continue;
      const at = open.lastIndexOf(opening);
      for (let j = at; j < open.length; j++) openCount.set(open[j] ?? 0, (openCount.get(open[j] ?? 0) ?? 1) - 1);
      open.length = at;
    }
  }
  return undefined;
}

/**
 * Where the logical line holding each offset of `offsets` (ascending) ends: the first line break
 * after it outside brackets (and not continued by a backslash), or the end of the text; strings
 * and comments skipped; one pass for all of them. Where the statement around a chain of operators
 * the parser gave up on ends (see `parse.ts`).
 */
export function logicalLineEnds(text: string, offsets: readonly number[]): number[] {
  const ends: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length && ends.length < offsets.length; i++) {
    const ch = text.charCodeAt(i);
    const skipped = endOfCommentOrString(text, i);
    if (skipped !== undefined) {
      i = skipped - 1;
    } else if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
    } else if (ch === 41 /* ) */ || ch === 93 /* ] */ || ch === 125 /* } */) {
      if (depth > 0) depth--;
    } else if ((ch === 10 || ch === 13) && depth === 0 && text.charCodeAt(i - 1) !== 92 /* \ */) {
      while (ends.length < offsets.length && (offsets[ends.length] ?? 0) <= i) ends.push(i);
    }
  }
  while (ends.length < offsets.length) ends.push(text.length);
  return ends;
}

/**
 * When a comment or a string literal opens at `i`: the offset just past it (a comment stops before
 * its line break). What the scans above skip, so brackets and line breaks inside do not count.
 */
function endOfCommentOrString(text: string, i: number): number | undefined {
  const ch = text.charCodeAt(i);
  if (ch === 34 /* " */ || ch === 39 /* ' */) return endOfString(text, i);
  if (ch !== 35 /* # */) return undefined;
  let end = i + 1;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
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
