import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { RULE_CITATIONS } from '../../src/analyze/rule-citations.js';
import type { AnalysisResult, Range } from '../../src/analyze/types.js';

/**
 * A hang detector, far above the real cost so that a loaded CI machine cannot trip it: a 64 KiB
 * file of real code takes tens of ms, the worst garbage found about a second (`npm run bench:analyze`).
 */
const TIME_BOUND_MS = 20_000;
const TEST_TIMEOUT_MS = 180_000;
const KIB_64 = 64 * 1024;

const PYTHON_TOKENS = [
  'def ',
  'class ',
  'for ',
  ' in ',
  'while ',
  'if ',
  'else',
  'elif ',
  'try',
  'except ',
  ' as ',
  'finally',
  'with ',
  'return ',
  'yield ',
  'lambda ',
  'global ',
  'nonlocal ',
  'import ',
  'from ',
  'async ',
  'await ',
  'not ',
  ' and ',
  'open(',
  'gc.collect()',
  'gc.disable()',
  'sum(',
  'list(',
  'range(',
  '@lru_cache',
  '@functools.cache',
  'self.',
  'parent',
  '.append(',
  '.read()',
  '.readlines()',
  'np.append(',
  'pd.read_csv(',
  'sys.getsizeof(',
  '__del__',
  'weakref.ref(',
  'x',
  'y',
  's',
  '"',
  "'",
  '"""',
  'f"',
  'b"',
  '#',
  '\\',
  '0.0',
  '10**7',
  '1_000',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '+=',
  ' + ',
  '*',
  '**',
  '->',
  '\n',
  '\n    ',
  '\n        ',
  '\t',
  '\r\n',
  '\r',
  ' ',
];
const pythonish = fc.array(fc.constantFrom(...PYTHON_TOKENS), { maxLength: 400 }).map((t) => t.join(''));

function lineLengths(code: string): number[] {
  return code.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Every range lies inside the code as given, start before end; findings sorted and cited. */
function expectWellFormed(code: string, result: AnalysisResult) {
  const lengths = lineLengths(code);
  const inside = (r: Range) => {
    for (const p of [r.start, r.end]) {
      expect(p.line).toBeGreaterThanOrEqual(0);
      expect(p.line).toBeLessThan(lengths.length);
      expect(p.character).toBeGreaterThanOrEqual(0);
      expect(p.character).toBeLessThanOrEqual(lengths[p.line] ?? 0);
    }
    expect(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character)).toBe(
      true,
    );
  };
  let previous: Range | undefined;
  for (const f of result.findings) {
    inside(f.range);
    expect(RULE_CITATIONS[f.rule as keyof typeof RULE_CITATIONS]).toEqual(f.citation);
    expect(['warning', 'info']).toContain(f.severity);
    expect(f.message.length).toBeGreaterThan(0);
    if (previous) expect(previous.start.line <= f.range.start.line).toBe(true);
    previous = f.range;
  }
  for (const e of result.syntaxErrors) {
    inside(e.range);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** Rules must not throw either: the analyzer would drop them silently in production, so fail loudly here. */
const rethrow = (rule: string, error: unknown) => {
  throw new Error(`rule ${rule} threw: ${String(error)}`);
};

function timed(code: string): AnalysisResult {
  const start = performance.now();
  const result = analyzeSnippet(code, { includeInfo: true, onRuleError: rethrow });
  expect(performance.now() - start).toBeLessThan(TIME_BOUND_MS);
  return result;
}

describe('analyzeSnippet on any input', () => {
  it(
    'never throws on arbitrary text, and keeps every range inside it',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (code) => expectWellFormed(code, timed(code))),
        { numRuns: 300 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'never throws on Python-like token soup (broken syntax, odd indentation, mixed line breaks)',
    () => {
      fc.assert(
        fc.property(pythonish, fc.constantFrom('', '    ', '\t', '        '), (code, indent) => {
          const indented = code
            .split('\n')
            .map((l) => indent + l)
            .join('\n');
          expectWellFormed(indented, timed(indented));
        }),
        { numRuns: 300 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'handles deep nesting of brackets, blocks and operators',
    () => {
      const nestings = fc.oneof(
        fc.integer({ min: 1, max: 20_000 }).map((n) => `x = ${'('.repeat(n)}1${')'.repeat(n)}`),
        fc.integer({ min: 1, max: 20_000 }).map((n) => `x = ${'['.repeat(n)}`),
        fc
          .integer({ min: 1, max: 300 })
          .map(
            (n) =>
              Array.from({ length: n }, (_, i) => `${' '.repeat(i * 4)}for x${i} in y:`).join('\n') +
              `\n${' '.repeat(n * 4)}s += "a"`,
          ),
        fc.integer({ min: 1, max: 5_000 }).map((n) => `x = ${'not '.repeat(n)}y`),
        fc.integer({ min: 1, max: 5_000 }).map((n) => `x = ${'lambda: '.repeat(n)}1`),
        fc.integer({ min: 1, max: 2_000 }).map((n) => `${'@d\n'.repeat(n)}def f(a=[]):\n    a.append(1)`),
      );
      fc.assert(
        fc.property(nestings, (code) => expectWellFormed(code, timed(code))),
        { numRuns: 40 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'analyzes 64 KiB inputs, real code or garbage, within the bound',
    () => {
      const fill = (unit: string) => unit.repeat(Math.ceil(KIB_64 / Math.max(1, unit.length))).slice(0, KIB_64);
      const big = fc.oneof(
        pythonish.filter((s) => s.length > 0).map(fill),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 64 }).map(fill),
        fc.constantFrom(':', '*', 'f()', '(', '"', 'not ', '\\\n').map(fill),
      );
      fc.assert(
        fc.property(big, (code) => expectWellFormed(code, timed(code))),
        { numRuns: 10 },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('line breaks and blank lines in indented code', () => {
  it('keeps a position inside its line when the parser stops inside a \\r\\n line break (found by fast-check)', () => {
    // 64 KiB of stray `else` lines: the parser gives up between a `\r` and its `\n`, and the
    // syntax error saying so pointed one character past the end of its line.
    const code = '\r\nelse'.repeat(Math.ceil(KIB_64 / 6)).slice(0, KIB_64);
    const result = analyzeSnippet(code);
    expect(result.syntaxErrors.at(-1)?.message).toMatch(/too many syntax errors/);
    expectWellFormed(code, result);
  });

  it('keeps a lone \\r line break apart from the next \\n when dedenting (found by fast-check)', () => {
    const code = '\r \n        def ';
    const result = analyzeSnippet(code, { includeInfo: true, onRuleError: rethrow });
    expectWellFormed(code, result);
    expect(result.syntaxErrors[0]?.range.start).toEqual({ line: 2, character: 12 });
  });
});
