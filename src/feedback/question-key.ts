/** `?`, `!`, `.` and the space: what a key may not end with. */
const TRAILING = new Set([0x3f, 0x21, 0x2e, 0x20]);
/** White space other than single spaces: most questions have none, and testing is 5× cheaper than replacing. */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/**
 * Normalizes a question so that repeats group together in the summary: Unicode NFKC, lower case,
 * runs of white space as one space, no trailing `?`, `!` or `.`.
 *
 * @example questionKey('  How do I  use weakref?? ') // 'how do i use weakref'
 */
export function questionKey(question: string): string {
  const lower = question.normalize('NFKC').toLowerCase();
  const key = (UNEVEN_SPACE.test(lower) ? lower.replace(/\s+/g, ' ') : lower).trim();
  // A loop, not /[?!.\s]+$/: that regex retries from every character of a long run of dots or
  // spaces, quadratic in the run (3 ms for a 2,000-character question), on every answer.
  let end = key.length;
  while (end > 0 && TRAILING.has(key.charCodeAt(end - 1))) end--;
  return key.slice(0, end);
}
