import { describe, expect, it } from 'vitest';
import { tokenizePython, type PythonTokenKind } from '../../widget/src/python-tokens.js';

const kinds = (source: string) =>
  tokenizePython(source)
    .filter((t) => t.kind !== 'plain')
    .map((t) => `${t.kind}:${t.text}`);

describe('tokenizePython', () => {
  it('gives the source back exactly', () => {
    const source =
      '@dataclass(slots=True)\nclass P:\n    """doc\n"""\n    def f(self, k=1.5e3j):  # c\n        return f"{x}" + \'it\\\'s\'\n\'unterminated';
    expect(
      tokenizePython(source)
        .map((t) => t.text)
        .join(''),
    ).toBe(source);
  });

  it('colours keywords, builtins, constants and the names def and class define', () => {
    expect(kinds('def norm(self): return len(xs) if xs is not None else 0')).toEqual([
      'keyword:def',
      'definition:norm',
      'constant:self',
      'keyword:return',
      'builtin:len',
      'keyword:if',
      'keyword:is',
      'keyword:not',
      'constant:None',
      'keyword:else',
      'number:0',
    ]);
    expect(kinds('class Cache: pass')).toEqual(['keyword:class', 'definition:Cache', 'keyword:pass']);
  });

  it('reads strings with prefixes, escapes and triple quotes as one token each', () => {
    expect(kinds(`a = rb'\\x00' + f"{a!r}" + '''one\ntwo''' + "say \\"hi\\""`)).toEqual([
      "string:rb'\\x00'",
      'string:f"{a!r}"',
      "string:'''one\ntwo'''",
      'string:"say \\"hi\\""',
    ]);
  });

  it('keeps a # inside a string out of comments, and ends a comment at the line', () => {
    expect(kinds('x = "#no"  # yes\ny = 1')).toEqual(['string:"#no"', 'comment:# yes', 'number:1']);
  });

  it('reads numbers in every base, and decorators with dots', () => {
    expect(kinds('@functools.lru_cache\nn = 0xFF + 0b1010 + 0o17 + 1_000 + 2.5e-3 + (.5) + 3j + x.y')).toEqual([
      'decorator:@functools.lru_cache',
      'number:0xFF',
      'number:0b1010',
      'number:0o17',
      'number:1_000',
      'number:2.5e-3',
      'number:.5',
      'number:3j',
    ]);
  });

  it('does not mistake names that contain keywords or digits', () => {
    const tokens = tokenizePython('format_id = isinstance2 + import_x');
    expect(tokens.map((t) => t.kind)).toEqual<PythonTokenKind[]>(['plain']);
  });
});
