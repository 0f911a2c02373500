import { describe, expect, it } from 'vitest';
import { dedent } from '../../src/analyze/dedent.js';

describe('dedent', () => {
  it('removes the indentation all code lines share and says how much per line', () => {
    expect(dedent('    a = 1\n      b = 2\n    c = 3')).toEqual({
      text: 'a = 1\n  b = 2\nc = 3',
      removed: [4, 4, 4],
      indent: '    ',
    });
  });

  it('ignores blank and comment-only lines when finding the shared indentation', () => {
    expect(dedent('    a = 1\n\n# note\n  \n    b = 2')).toEqual({
      text: 'a = 1\n\n# note\n  \nb = 2',
      removed: [4, 0, 0, 0, 4],
      indent: '    ',
    });
  });

  it('leaves blank lines alone, so a lone CR and the next LF stay two line breaks', () => {
    expect(dedent('    a\r \n    b')).toEqual({ text: 'a\r \nb', removed: [4, 0, 4], indent: '    ' });
  });

  it('keeps line breaks as they are (CRLF, CR)', () => {
    expect(dedent('  a\r\n  b\r  c').text).toBe('a\r\nb\rc');
  });

  it('only removes whitespace all lines share exactly (tabs are not spaces)', () => {
    expect(dedent('\ta\n    b').text).toBe('\ta\n    b');
  });

  it('drops a byte-order mark and counts it as removed', () => {
    expect(dedent('\uFEFF  a\n  b')).toEqual({ text: 'a\nb', removed: [3, 2], indent: '  ' });
  });

  it('leaves unindented code untouched', () => {
    const code = 'def f():\n    return 1\n';
    expect(dedent(code).text).toBe(code);
  });
});
