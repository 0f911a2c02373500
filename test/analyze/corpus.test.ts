import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { dedent } from '../../src/analyze/dedent.js';
import type { RuleId } from '../../src/analyze/rule-citations.js';
import { loadCorpus } from './corpus.js';
import { RUFF_EQUIVALENTS, RULES_RUFF_HAS, ruffCheck, ruffVersion } from '../../scripts/lib/analyzer-corpus/ruff.js';

/** A finding or diagnostic on a 1-based line. */
interface Hit {
  readonly rule: string;
  readonly line: number;
}

interface Row {
  readonly name: string;
  readonly code: string;
  readonly expected: ReadonlySet<RuleId>;
  readonly ours: readonly Hit[];
  readonly ruff: readonly Hit[];
}

const corpus = loadCorpus();
const rows: Row[] = corpus.map((snippet) => ({
  name: snippet.name,
  code: snippet.code,
  expected: new Set(snippet.expected),
  ours: analyzeSnippet(snippet.code, { includeInfo: true }).findings.map((f) => ({
    rule: f.rule,
    line: f.range.start.line + 1,
  })),
  ruff: ruffCheck(snippet.code).map((d) => ({ rule: d.name, line: d.line })),
}));

const ruleSet = (hits: readonly Hit[]) => new Set(hits.map((h) => h.rule));
const positives = rows.filter((r) => r.expected.size > 0);
const cleans = rows.filter((r) => r.expected.size === 0);
const expectedTotal = positives.reduce((n, r) => n + r.expected.size, 0);
const found = positives.reduce((n, r) => n + [...r.expected].filter((id) => ruleSet(r.ours).has(id)).length, 0);
const recall = found / expectedTotal;
const unexpected = rows.flatMap((r) =>
  [...ruleSet(r.ours)].filter((id) => !r.expected.has(id as RuleId)).map((id) => `${r.name}: ${id}`),
);
const dirtyCleans = cleans.filter((r) => r.ours.length > 0);

/** Ruff diagnostics in our scope, and whether one of ours covers the same line. */
const ruffInScope = rows.flatMap((r) =>
  r.ruff
    .filter((d) => RUFF_EQUIVALENTS[d.rule])
    .map((d) => ({
      where: `${r.name}:${d.line} ${d.rule}`,
      covered: r.ours.some((o) => RUFF_EQUIVALENTS[d.rule]?.includes(o.rule as RuleId) && sameSpot(r.code, d, o)),
    })),
);
/**
 * Same line; or, for Ruff's read-whole-file, which it reports on the `with open(...)` line, a line
 * in that `with` block (we report the `.read()` call itself).
 */
function sameSpot(code: string, ruff: Hit, ours: Hit): boolean {
  if (ours.line === ruff.line) return true;
  if (ruff.rule !== 'read-whole-file' || ours.line < ruff.line) return false;
  const lines = dedent(code).text.split(/\r\n|\r|\n/);
  const indent = (l: string) => /^\s*/.exec(l)?.[0].length ?? 0;
  const head = indent(lines[ruff.line - 1] ?? '');
  for (let n = ruff.line + 1; n <= ours.line; n++) {
    const text = lines[n - 1] ?? '';
    if (text.trim() && indent(text) <= head) return false;
  }
  return true;
}

const ruffOnly = ruffInScope.filter((d) => !d.covered).map((d) => d.where);
const both = ruffInScope.length - ruffOnly.length;
const ourHits = rows.flatMap((r) => r.ours.map((o) => ({ ...o, row: r })));
const ruffMissedOursToo = ourHits.filter(
  (o) =>
    RULES_RUFF_HAS.has(o.rule as RuleId) &&
    !o.row.ruff.some((d) => RUFF_EQUIVALENTS[d.rule]?.includes(o.rule as RuleId) && sameSpot(o.row.code, d, o)),
);
const noRuffRule = ourHits.filter((o) => !RULES_RUFF_HAS.has(o.rule as RuleId));

function printReport() {
  const list = (hits: readonly Hit[]) => hits.map((h) => `${h.rule}@${h.line}`).join(', ') || '—';
  const counts = (hits: readonly Hit[]) =>
    [...hits.reduce((m, h) => m.set(h.rule, (m.get(h.rule) ?? 0) + 1), new Map<string, number>())]
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ') || '—';
  console.log(
    [
      `Corpus: ${rows.length} snippets (${positives.length} with expected findings, ${cleans.length} clean); Ruff ${ruffVersion()} side by side`,
      ...rows.map((r) => `${r.name.padEnd(34)} ours: ${list(r.ours)}\n${' '.repeat(34)} ruff: ${list(r.ruff)}`),
      '',
      `Recall: ${found}/${expectedTotal} expected rule ids found = ${recall.toFixed(3)}`,
      `False positives: ${unexpected.length} unexpected findings; ${dirtyCleans.length}/${cleans.length} clean snippets with findings`,
      `Findings: ours ${ourHits.length}, Ruff ${rows.reduce((n, r) => n + r.ruff.length, 0)} (${ruffInScope.length} in our scope)`,
      `  both (same spot, equivalent rule): ${both}`,
      `  only Ruff, in our scope (bugs to fix): ${ruffOnly.length}${ruffOnly.length ? ` — ${ruffOnly.join('; ')}` : ''}`,
      `  only ours, where Ruff has an equivalent rule: ${ruffMissedOursToo.length} (${counts(ruffMissedOursToo)})`,
      `  only ours, no Ruff rule for it: ${noRuffRule.length} (${counts(noRuffRule)})`,
    ].join('\n'),
  );
}

describe('analyzer corpus', () => {
  it('has at least 40 snippets, at least 10 of them clean', () => {
    printReport();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(cleans.length).toBeGreaterThanOrEqual(10);
  });

  it('finds at least 95% of the expected findings', () => {
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reports nothing unexpected, and nothing at all on clean snippets', () => {
    expect(unexpected).toEqual([]);
    expect(dirtyCleans.map((r) => r.name)).toEqual([]);
  });

  it('catches everything Ruff catches within our scope, on the same line', () => {
    expect(ruffOnly).toEqual([]);
  });
});
