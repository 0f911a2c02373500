/** Code with the common indentation of its lines removed, and how much was removed from each line. */
export interface DedentedCode {
  readonly text: string;
  /** Characters removed from the start of each line (one entry per line of the input). */
  readonly removed: readonly number[];
  /** The indentation removed from every code line (what inserted lines need to fit in again). */
  readonly indent: string;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_WHITESPACE = /^[ \t\f]*/;

/**
 * Removes the indentation every code line shares, as `textwrap.dedent` does, so code copied from
 * inside a function parses as a module. Blank and comment-only lines do not count towards the
 * shared indentation (Python ignores their indentation too). A leading byte-order mark is dropped.
 *
 * @example
 * dedent('    x = 1\n    y = 2').text // 'x = 1\ny = 2'
 */
export function dedent(code: string): DedentedCode {
  const bom = code.startsWith('\uFEFF') ? 1 : 0;
  const source = bom ? code.slice(1) : code;
  const lines: string[] = [];
  const breaks: string[] = [];
  let last = 0;
  for (const match of source.matchAll(LINE_BREAK)) {
    lines.push(source.slice(last, match.index));
    breaks.push(match[0]);
    last = match.index + match[0].length;
  }
  lines.push(source.slice(last));

  const prefix = sharedIndentation(lines);
  // Blank lines keep their whitespace: stripping it could join a lone `\r` and the next `\n` into one
  // CRLF break and shift every line after it. Python ignores their indentation anyway.
  const indent = lines.map((line) =>
    LEADING_WHITESPACE.exec(line)?.[0].length === line.length ? 0 : commonPrefixLength(line, prefix),
  );
  const removed = bom ? [(indent[0] ?? 0) + bom, ...indent.slice(1)] : indent;
  if (prefix.length === 0) return { text: source, removed, indent: '' };

  let text = '';
  for (let i = 0; i < lines.length; i++) {
    text += (lines[i] ?? '').slice(indent[i]) + (breaks[i] ?? '');
  }
  return { text, removed, indent: prefix };
}

function sharedIndentation(lines: readonly string[]): string {
  let prefix: string | undefined;
  for (const line of lines) {
    const indent = LEADING_WHITESPACE.exec(line)?.[0] ?? '';
    const rest = line.slice(indent.length);
    if (rest.length === 0 || rest.startsWith('#')) continue;
    prefix = prefix === undefined ? indent : prefix.slice(0, commonPrefixLength(indent, prefix));
    if (prefix.length === 0) return '';
  }
  return prefix ?? '';
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
