import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { py } from './helpers.js';

describe('analyzeSnippet', () => {
  it('returns findings with rule, severity, message, LSP range, citation, suggestion and fix', () => {
    const result = analyzeSnippet('s = ""\nfor w in words:\n    s += w\n');
    expect(result).toEqual({
      findings: [
        {
          rule: 'string-concat-in-loop',
          severity: 'warning',
          message: expect.stringContaining('`s` is a string'),
          range: { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } },
          citation: {
            id: 'optimize-string-usage--string-concatenation',
            title: 'String Concatenation',
            section: 'Optimize String Usage',
            guidance: {
              id: 'optimize-string-usage--string-concatenation',
              title: 'String Concatenation',
              section: 'Optimize String Usage',
            },
            explainedBy: "Why `''.join` is faster than `+=` in a loop",
          },
          suggestion: expect.stringContaining("''.join(parts)"),
          fix: {
            description: expect.stringContaining('join them once after the loop'),
            edits: [
              {
                range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
                newText: 's_parts = [s]\n',
              },
              {
                range: { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } },
                newText: 's_parts.append(w)',
              },
              {
                range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } },
                newText: "\ns = ''.join(s_parts)",
              },
            ],
          },
        },
      ],
      syntaxErrors: [],
    });
  });

  it('leaves info findings out unless asked', () => {
    const code = 'import sys\nprint(sys.getsizeof(data))\n';
    expect(analyzeSnippet(code).findings).toEqual([]);
    expect(analyzeSnippet(code, { includeInfo: true }).findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('re-indents the lines a fix inserts into indented code', () => {
    const [finding] = analyzeSnippet('    s = ""\n    for w in words:\n        s += w\n').findings;
    expect(finding?.fix?.edits.map((e) => e.newText)).toEqual([
      's_parts = [s]\n    ',
      's_parts.append(w)',
      "\n    s = ''.join(s_parts)",
    ]);
  });

  it('dedents pasted code but reports positions in the code as pasted', () => {
    const pasted = '        out = ""\n        for w in words:\n            out += w\n';
    const [finding] = analyzeSnippet(pasted).findings;
    expect(finding?.range).toEqual({ start: { line: 2, character: 12 }, end: { line: 2, character: 20 } });
  });

  it('counts characters in UTF-16 code units and lines across CRLF, CR and a BOM', () => {
    const code = '\uFEFFs = "😀"\r\nfor w in ws:\r    s += "é" + w\n';
    const [finding] = analyzeSnippet(code).findings;
    expect(finding?.range.start).toEqual({ line: 2, character: 4 });
    const emoji = analyzeSnippet('x = "😀"; f = open(p)\n').findings[0];
    expect(emoji?.range.start).toEqual({ line: 0, character: 14 });
  });

  it('still analyzes what parses in broken code, and reports the syntax errors', () => {
    const result = analyzeSnippet(py`
      def broken(:
          pass
      s = ""
      for w in words:
          s += w
    `);
    expect(result.findings.map((f) => [f.rule, f.range.start.line])).toEqual([['string-concat-in-loop', 4]]);
    expect(result.syntaxErrors).toEqual([
      {
        range: { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } },
        message: 'invalid syntax before ":"',
      },
    ]);
  });

  it('does not report valid Python the parser grammar lacks: bare yield, parenthesized with', () => {
    const result = analyzeSnippet(py`
      def gen():
          yield
          x = yield
          y = (yield)
      with (open(a) as f, open(b) as g):
          pass
    `);
    expect(result).toEqual({ findings: [], syntaxErrors: [] });
  });

  it('reports an unclosed bracket at the end of the code', () => {
    const { syntaxErrors } = analyzeSnippet('total = sum([x for x in xs\n');
    expect(syntaxErrors).toHaveLength(1);
    expect(syntaxErrors[0]?.message).toMatch(/ends too early|missing/);
  });

  it('sorts findings by position', () => {
    const { findings } = analyzeSnippet(py`
      f = open(p)
      total = sum([x for x in xs])
      def g(a=[]):
          a.append(1)
    `);
    const positions = findings.map((f) => [f.range.start.line, f.range.start.character]);
    expect(positions).toEqual([...positions].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
    expect(findings.map((f) => f.rule)).toEqual([
      'open-without-with',
      'list-comprehension-in-reducer',
      'mutable-default-argument',
    ]);
  });

  it('returns nothing for empty or blank code', () => {
    expect(analyzeSnippet('')).toEqual({ findings: [], syntaxErrors: [] });
    expect(analyzeSnippet(' \n\t\n')).toEqual({ findings: [], syntaxErrors: [] });
  });

  it('stops at nesting CPython rejects, with a syntax error saying so', () => {
    const code = `f = open(p)\nx = ${'('.repeat(201)}1${')'.repeat(201)}\ng = open(q)\n`;
    const result = analyzeSnippet(code);
    expect(result.findings.map((f) => f.range.start.line)).toEqual([0]);
    expect(result.syntaxErrors.at(-1)?.message).toContain('too many nested parentheses');
    expect(analyzeSnippet(`x = ${'('.repeat(200)}1${')'.repeat(200)}\n`).syntaxErrors).toEqual([]);
  });

  it('is deterministic', () => {
    const code = 'import gc\ngc.disable()\nfor x in xs:\n    gc.collect()\n';
    expect(analyzeSnippet(code)).toEqual(analyzeSnippet(code));
  });
});
