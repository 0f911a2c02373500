import type { DedentedCode } from './dedent.js';
import type { Position, Range } from './types.js';

/**
 * Turns offsets in the dedented text the parser saw into LSP positions in the code as pasted:
 * 0-based lines, UTF-16 characters, with the removed indentation added back.
 */
export class SourceMap {
  private readonly lineStarts: number[];

  constructor(private readonly code: DedentedCode) {
    this.lineStarts = lineStartOffsets(code.text);
  }

  get text(): string {
    return this.code.text;
  }

  /** Text written into the dedented source, re-indented for the code as given. */
  reindent(text: string): string {
    const indent = this.code.indent;
    return indent ? text.replace(/\n(?!\r?\n)/g, `\n${indent}`) : text;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    const start = this.lineStarts[line] ?? 0;
    // An offset inside a line break is the end of its line: a parser that gave up on broken code
    // can stop between the `\r` and `\n` of a `\r\n`, one character past the line's last.
    const column = Math.min(offset, this.contentEnd(line)) - start;
    return { line, character: column + (this.code.removed[line] ?? 0) };
  }

  range(from: number, to: number): Range {
    return { start: this.position(from), end: this.position(to) };
  }

  /** The 0-based line of an offset in the dedented text (binary search over line starts). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset where line `line` ends, before its line break. */
  private contentEnd(line: number): number {
    const start = this.lineStarts[line] ?? 0;
    let end = this.lineStarts[line + 1] ?? this.code.text.length;
    while (end > start && (this.code.text[end - 1] === '\n' || this.code.text[end - 1] === '\r')) end--;
    return end;
  }

  /** Offset where the line holding `offset` ends (before its line break). */
  lineEnd(offset: number): number {
    return Math.max(offset, this.contentEnd(this.lineOf(offset)));
  }
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
