/**
 * Normalizes a question so that repeats group together in the summary: Unicode NFKC, lower case,
 * runs of white space as one space, no trailing `?`, `!` or `.`.
 *
 * @example questionKey('  How do I  use weakref?? ') // 'how do i use weakref'
 */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[?!.\s]+$/, '');
}
