import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { dedent } from '../../src/analyze/dedent.js';
import { applyFixes } from '../../src/cli/apply-fixes.js';
import { compileErrors, pythonProblem, REQUIRE_CORPUS, runPython } from '../../scripts/lib/analyzer-corpus/python.js';
import { loadCorpus } from './corpus.js';
import { py } from './helpers.js';

/** Code whose fixes the tests apply: the snippet corpus plus cases that exercise each fix's edges. */
const FIXABLE: Record<string, string> = {
  'str append with an initial value': py`
    def report(rows):
        out = "Report:\\n"
        for r in rows:
            out += f"{r}\\n"
        return out
  `,
  'str prepend': py`
    def digits(n):
        s = "!"
        while n:
            s = str(n % 10) + s
            n //= 10
        return s
  `,
  'nested loops carrying one accumulator': py`
    def adjacency(graph):
        for node, nbrs in graph.items():
            line = str(node) + ":"
            for nbr in nbrs:
                for _ in range(1 + nbr % 2):
                    line += " " + str(nbr)
            yield line
  `,
  'bytes in a while loop': py`
    def read_exactly(chunks, n):
        buf = b""
        it = iter(chunks)
        while len(buf) < n:
            buf = buf + next(it)
        return buf
  `,
  'indented (pasted from a method)': `        text = ""\n        for w in words:\n            text += w + " "\n        print(text)\n`,
  'list comprehension in sum and max': py`
    def stats(xs):
        return sum([x * x for x in xs]), max([abs(x) for x in xs], default=0)
  `,
  'readlines in a for header': py`
    def count(path):
        n = 0
        with open(path) as f:
            for line in f.readlines():
                n += len(line)
        return n
  `,
};

/** Runs each (original, fixed) pair in CPython with the same inputs and compares the results. */
const EQUIVALENCE = String.raw`
import json, sys, os, tempfile
pairs = json.loads(sys.stdin.read())
path = os.path.join(tempfile.mkdtemp(), 'data.txt')
with open(path, 'w') as f:
    f.write('one\ntwo\n\nthree\n')
calls = {
    'str append with an initial value': ('report', ([1, 'b', 3.5],)),
    'str prepend': ('digits', (90210,)),
    'nested loops carrying one accumulator': ('adjacency', ({1: [2, 3], 2: [1], 3: []},)),
    'bytes in a while loop': ('read_exactly', ([b'ab', b'cd', b'ef'], 5)),
    'list comprehension in sum and max': ('stats', ([3, -7, 2],)),
    'readlines in a for header': ('count', (path,)),
}
out = {}
for name, (fn, args) in calls.items():
    results = []
    for code in pairs[name]:
        scope = {}
        exec(code, scope)
        value = scope[fn](*args)
        results.append(repr(list(value) if hasattr(value, '__next__') else value))
    out[name] = results
print(json.dumps(out))
`;

const skip = pythonProblem();
if (skip && REQUIRE_CORPUS) throw new Error(`PYMEM_REQUIRE_CORPUS=1 but ${skip}`);

describe('structured fixes', () => {
  const cases = [...Object.entries(FIXABLE), ...loadCorpus().map((s) => [s.name, s.code] as const)];
  const fixed = cases.map(([name, code]) => {
    const findings = analyzeSnippet(code, { includeInfo: true }).findings;
    const { code: after, fixed: applied } = applyFixes(code, findings);
    return { name, code, findings, after, fixed: applied };
  });

  it('exist for the mechanical rewrites (string and bytes accumulators, reducers, readlines)', () => {
    const rules = new Set(fixed.flatMap((f) => f.fixed.map((x) => x.rule)));
    expect([...rules].sort()).toEqual([
      'list-comprehension-in-reducer',
      'readlines-into-list',
      'string-concat-in-loop',
    ]);
    for (const name of Object.keys(FIXABLE))
      expect(fixed.find((f) => f.name === name)?.fixed.length, name).toBeGreaterThan(0);
  });

  it('leave code that parses and no longer has the finding they fix', () => {
    for (const f of fixed.filter((x) => x.fixed.length > 0)) {
      const again = analyzeSnippet(f.after, { includeInfo: true });
      expect(again.syntaxErrors, f.name).toEqual([]);
      const rulesFixed = new Set(f.fixed.map((x) => x.rule));
      expect(again.findings.filter((x) => rulesFixed.has(x.rule) && x.fix).length, f.name).toBeLessThan(f.fixed.length);
    }
  });

  it('never contain a truncated "…" in code', () => {
    for (const f of fixed)
      for (const finding of f.findings)
        for (const e of finding.fix?.edits ?? []) expect(e.newText, f.name).not.toContain('…');
  });

  describe.skipIf(skip !== undefined)(`in CPython${skip ? ` (skipped: ${skip})` : ''}`, () => {
    it('compile, every one of them', () => {
      // Pasted (indented) snippets are dedented first, as the analyzer reads them.
      const withFixes = fixed.filter((f) => f.fixed.length > 0);
      const sources = withFixes.flatMap((f) => [
        { name: f.name, code: dedent(f.code).text },
        { name: `${f.name} (fixed)`, code: dedent(f.after).text },
      ]);
      expect(Object.fromEntries(compileErrors(sources))).toEqual({});
    });

    it('return what the original code returned', () => {
      const pairs: Record<string, string[]> = {};
      for (const name of Object.keys(FIXABLE)) {
        const f = fixed.find((x) => x.name === name);
        if (f && !name.startsWith('indented')) pairs[name] = [f.code, f.after];
      }
      const results = JSON.parse(runPython(EQUIVALENCE, [], JSON.stringify(pairs))) as Record<string, [string, string]>;
      for (const [name, [before, after]] of Object.entries(results)) expect(after, name).toBe(before);
      expect(Object.keys(results).length).toBe(6);
    });
  });
});
