/** Marks text cut to fit a platform limit. */
export const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters (UTF-16 units, as Slack and Discord count), ending
 * with an ellipsis, preferably at a line or word break in the last fifth.
 *
 * @example truncateText('one two three', 9) // 'one two…'
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const cut = breakBefore(text, max - ELLIPSIS.length);
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Splits `text` into pieces of at most `max` characters, at line breaks where possible, then at
 * spaces, else anywhere. Joining the pieces with '\n' restores the text up to the whitespace
 * at the breaks.
 *
 * @example splitText('a\nb\nc', 3) // ['a\nb', 'c']
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = breakBefore(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/**
 * Cuts markdown to at most `max` characters like {@link truncateText}, closing a ``` fence the cut
 * left open so the rest of the message does not render as code.
 */
export function truncateMarkdown(markdown: string, max: number): string {
  const cut = truncateText(markdown, max);
  if (countFences(cut) % 2 === 0) return cut;
  const shorter = truncateText(markdown, max - CLOSE_FENCE.length);
  return countFences(shorter) % 2 === 0 ? shorter : `${shorter}${CLOSE_FENCE}`;
}

const CLOSE_FENCE = '\n```';

function countFences(text: string): number {
  return text.match(/```/g)?.length ?? 0;
}

/** Index to cut at (≤ limit): the last line break, else space, in the last fifth; else the limit. */
function breakBefore(text: string, limit: number): number {
  const floor = Math.floor(limit * 0.8);
  const newline = text.lastIndexOf('\n', limit);
  if (newline >= floor && newline > 0) return newline;
  const space = text.lastIndexOf(' ', limit);
  if (space >= floor && space > 0) return space;
  return avoidSplitSurrogate(text, limit);
}

function avoidSplitSurrogate(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/**
 * Joins whole lines (never cutting one) within `max` characters; lines left out, plus
 * `alreadyHidden`, are counted in a last line from `note`.
 *
 * @example fitLines(['a', 'b', 'c'], 12, (n) => `+${n} more`) // 'a\nb\n+1 more'
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  note: (hidden: number) => string,
  alreadyHidden = 0,
): string {
  for (let shown = lines.length; shown >= 0; shown--) {
    const hidden = lines.length - shown + alreadyHidden;
    const text = [...lines.slice(0, shown), ...(hidden > 0 ? [note(hidden)] : [])].join('\n');
    if (text.length <= max) return text;
  }
  return truncateText(note(lines.length + alreadyHidden), max);
}
