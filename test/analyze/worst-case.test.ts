import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parser } from '@lezer/python';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisBudgetError, SERVICE_ANALYSIS_LIMITS, WorkMeter } from '../../src/analyze/analysis-budget.js';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { findExcessiveNesting, MAX_BRACKET_DEPTH } from '../../src/analyze/bracket-depth.js';
import { MAX_PARSE_DEPTH } from '../../src/analyze/parse.js';
import type { AnalysisResult } from '../../src/analyze/types.js';
import { pythonSnippet } from '../../scripts/bench/python-snippets.js';
import { fill, HOSTILE_INPUTS, KIB_64 } from './hostile-inputs.js';

// Issue #19: any 64 KiB input costs a bounded, linear amount of work (counted in work units, not
// timed: the benchmark times it), never overflows the stack, and returns bounded results.

const TEST_TIMEOUT_MS = 240_000;
const limits = SERVICE_ANALYSIS_LIMITS;

/** The analysis under the service's limits and the work it took; a budget overrun is a result too. */
function metered(code: string): { result?: AnalysisResult; units: number; overBudget: boolean } {
  const meter = new WorkMeter(limits.workUnits);
  try {
    return { result: analyzeSnippet(code, { limits, meter }), units: meter.used, overBudget: false };
  } catch (error) {
    if (error instanceof AnalysisBudgetError) return { units: meter.used, overBudget: true };
    throw error;
  }
}

function expectBounded(code: string) {
  const { result, units } = metered(code);
  expect(units).toBeLessThanOrEqual(limits.workUnits + 1_000);
  if (!result) return;
  expect(result.findings.length).toBeLessThanOrEqual(limits.maxFindings);
  expect(result.syntaxErrors.length).toBeLessThanOrEqual(limits.maxSyntaxErrors);
  expect(typeof result.truncated).toBe('boolean');
}

describe('the bracket-depth guard matches bracket types', () => {
  it('counts mismatched closers as what they are: no closing at all', () => {
    expect(findExcessiveNesting('(]'.repeat(300))).toBe(2 * MAX_BRACKET_DEPTH);
    expect(findExcessiveNesting(']('.repeat(300))).toBe(2 * MAX_BRACKET_DEPTH + 1);
    expect(findExcessiveNesting('[)'.repeat(300))).toBe(2 * MAX_BRACKET_DEPTH);
  });

  it('lets a closer close the brackets left open inside its own, as a typo like f(a[1) reads', () => {
    expect(findExcessiveNesting('f(a[1)\n'.repeat(5_000))).toBeUndefined();
    expect(
      findExcessiveNesting(`x = ${'('.repeat(MAX_BRACKET_DEPTH)}1${')'.repeat(MAX_BRACKET_DEPTH)}`),
    ).toBeUndefined();
    expect(findExcessiveNesting(`x = ${'({['.repeat(70)}`)).toBe(4 + MAX_BRACKET_DEPTH);
  });

  it('skips brackets in strings and comments', () => {
    expect(findExcessiveNesting(`s = "${'('.repeat(500)}"  # ${'['.repeat(500)}\n`)).toBeUndefined();
  });
});

describe('analysis of hostile 64 KiB inputs', () => {
  it.each(HOSTILE_INPUTS.map((h) => [h.name, h.code] as const))(
    '%s: bounded work and results',
    (_name, code) => {
      expect(code.length).toBe(KIB_64);
      expectBounded(code);
    },
    TEST_TIMEOUT_MS,
  );

  it('stops where the parse nests too deep or recovers too long, and says so', () => {
    const deep = analyzeSnippet(`f = open(p)\nx = ${'-'.repeat(5_000)}1\n`, { limits });
    expect(deep.findings.map((f) => f.rule)).toEqual(['open-without-with']);
    expect(deep.syntaxErrors.at(-1)?.message).toContain(`over ${MAX_PARSE_DEPTH.toLocaleString('en-US')} levels`);
    const garbage = analyzeSnippet(`f = open(p)\n${fill(':', 30_000)}\ng = open(q)\n`, { limits });
    expect(garbage.findings.map((f) => f.range.start.line)).toEqual([0]);
    expect(garbage.syntaxErrors.at(-1)?.message).toContain('too many syntax errors');
  });

  it('caps findings and syntax errors, keeping the first, and flags it', () => {
    const many = analyzeSnippet(fill('open(p)\n'), { limits });
    expect(many.findings).toHaveLength(limits.maxFindings);
    expect(many.findings[0]?.range.start.line).toBe(0);
    expect(many.truncated).toBe(true);
    const errors = analyzeSnippet(fill('if x:\n '), { limits });
    expect(errors.syntaxErrors).toHaveLength(limits.maxSyntaxErrors);
    expect(errors.truncated).toBe(true);
    expect(analyzeSnippet('f = open(p)\n', { limits }).truncated).toBe(false);
    expect(analyzeSnippet('f = open(p)\n')).not.toHaveProperty('truncated');
  });

  it('analyzes 64 KiB of dense real code whole, within 70% of the budget', () => {
    const { result, units } = metered(pythonSnippet(KIB_64));
    expect(result?.syntaxErrors.at(-1)?.message ?? '').not.toContain('not analyzed');
    expect(result?.findings.length).toBeGreaterThan(80);
    expect(units).toBeLessThan(limits.workUnits * 0.7);
  });

  it('stops, with a syntax error, where broken f-strings leave a node of no type (found by the fuzz test below)', () => {
    const { result } = metered(fill('f"{0%%0\n'));
    expect(result?.syntaxErrors.length).toBe(limits.maxSyntaxErrors);
    expect(analyzeSnippet(fill('f"{0%%0\n', 16_000)).syntaxErrors.at(-1)?.message).toContain('too many syntax errors');
  });

  it('throws AnalysisBudgetError, never a partial answer, when the budget runs out', () => {
    const tight = { ...limits, workUnits: 2_000 };
    expect(() => analyzeSnippet(pythonSnippet(8 * 1024), { limits: tight })).toThrow(AnalysisBudgetError);
    expect(analyzeSnippet(pythonSnippet(8 * 1024)).findings.length).toBeGreaterThan(0);
  });

  it('reads the @lezer/lr parse state it bounds (an upgrade that renames it must fail here)', () => {
    const parse = parser.startParse('x = (1,\n') as unknown as {
      stacks?: { stack?: unknown; pos?: unknown }[];
      recovering?: unknown;
      bigReductionCount?: unknown;
    };
    expect(Array.isArray(parse.stacks)).toBe(true);
    expect(Array.isArray(parse.stacks?.[0]?.stack)).toBe(true);
    expect(typeof parse.stacks?.[0]?.pos).toBe('number');
    expect(typeof parse.recovering).toBe('number');
    expect(typeof parse.bigReductionCount).toBe('number');
  });
});

describe('work grows linearly with the input', () => {
  // Any input made of one repeated unit: 64 KiB may cost at most about 4 times 16 KiB.
  const unit = fc.oneof(
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }),
    fc
      .array(
        fc.constantFrom('(', ')', '[', ']', '{', '}', ':', ',', '.', 'a', ' ', '\n', '"', "'", '\\', 'f', '-', 'not '),
        { minLength: 1, maxLength: 8 },
      )
      .map((t) => t.join('')),
  );
  it(
    'for any repeated unit (brackets, operators, quotes, line breaks)',
    () => {
      fc.assert(
        fc.property(unit, (u) => {
          const small = metered(fill(u, 16 * 1024));
          const big = metered(fill(u, KIB_64));
          if (small.overBudget) expect(big.overBudget).toBe(true);
          else if (!big.overBudget) expect(big.units).toBeLessThanOrEqual(4.5 * small.units + 2_000);
        }),
        { numRuns: 25 },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('work grows linearly with the number of statements a rule follows up', () => {
  // Rules that look for the later uses of an assigned name (was the file handed over? is the list
  // looped over once?) read them from one index per scope: scanning the scope once per
  // assignment ran 64 KiB of module-level `f = open(p)` past the work budget (a 422).
  it.each([
    ['f = open(p)\n'],
    ['lines = fh.readlines()\nfor line in lines:\n    use(line)\n'],
    ['data = fh.read()\nfor part in data.split():\n    use(part)\n'],
    ['def load(p):\n    f = open(p)\n    return f.read()\n'],
  ])('%j repeated', (unit) => {
    const small = metered(fill(unit, 16 * 1024));
    const big = metered(fill(unit, KIB_64));
    expect(small.overBudget).toBe(false);
    expect(big.overBudget).toBe(false);
    expect(big.units).toBeLessThanOrEqual(4.5 * small.units + 2_000);
  });
});

describe('fuzzing 64 KiB inputs', () => {
  const bracket = fc.constantFrom('(', ')', '[', ']', '{', '}');
  const inputs = fc.oneof(
    // random text, one long line or many
    fc.string({ unit: 'binary', minLength: 1, maxLength: 256 }).map((s) => fill(s)),
    // nested and mismatched brackets
    fc.array(bracket, { minLength: 1, maxLength: 64 }).map((b) => fill(b.join(''))),
    fc
      .tuple(fc.integer({ min: 1, max: 400 }), bracket, bracket)
      .map(([n, open, close]) => fill(`${open.repeat(n)}x${close.repeat(n)}\n`)),
    // long lines of code
    fc
      .constantFrom('x + ', 'f(x, ', 'a.b', '[1, 2], ', '"s" ', 'lambda: ', 'not ', 'await ', 'x if y else ', 'yield ')
      .map((u) => `x = ${fill(u, KIB_64 - 4)}`),
    // unterminated strings and f-strings
    fc
      .constantFrom('"', "'", '"""', "'''", 'f"{', 'b"', 'r"\\')
      .chain((q) => fc.string({ maxLength: 40 }).map((s) => fill(`${q}${s}\n`))),
  );
  it(
    'stay within the work budget and the result limits, without a stack overflow',
    () => {
      fc.assert(
        fc.property(inputs, (code) => expectBounded(code)),
        { numRuns: 40 },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the stack', () => {
  it(
    'has room to spare: every hostile input analyzes in a cold process with 40% of the default stack',
    () => {
      const script = fileURLToPath(new URL('./fixtures/analyze-in-child.ts', import.meta.url));
      const out = execFileSync(process.execPath, ['--stack-size=400', '--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: TEST_TIMEOUT_MS,
      });
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; ok: boolean; error?: string });
      expect(lines.length).toBeGreaterThanOrEqual(HOSTILE_INPUTS.length);
      expect(lines.filter((l) => !l.ok)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
