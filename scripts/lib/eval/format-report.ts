import type { EvalReport, SystemReport } from './run-eval.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => x.toFixed(3);

const ROWS: readonly [string, (s: SystemReport) => string][] = [
  ['hit@1 (in-scope)', (s) => num(s.hitAt1)],
  ['hit@3 (in-scope)', (s) => num(s.hitAt3)],
  ['MRR@5 (in-scope)', (s) => num(s.mrrAt5)],
  ['answered (in-scope)', (s) => pct(s.answered)],
  ['abstained (out-of-scope)', (s) => pct(s.abstained)],
  [
    'abstention threshold',
    (s) => (s.system === 'hybrid' ? `${s.threshold} (minScore)` : `${num(s.threshold)} (best here)`),
  ],
];

/** The comparison table, as markdown (it is pasted into the README as is). */
export function formatTable(report: EvalReport): string {
  const header = `| metric | ${report.systems.map((s) => s.system).join(' | ')} |`;
  const rule = `|---|${report.systems.map(() => '---:').join('|')}|`;
  const rows = ROWS.map(([name, cell]) => `| ${name} | ${report.systems.map(cell).join(' | ')} |`);
  const kinds = Object.keys(report.systems[0]?.hitAt1ByKind ?? {}).map(
    (kind) => `| hit@1 · ${kind} | ${report.systems.map((s) => num(s.hitAt1ByKind[kind] ?? 0)).join(' | ')} |`,
  );
  return [header, rule, ...rows, ...kinds].join('\n');
}

/** The whole human-readable report: summary, table, latency, and every miss with what came back. */
export function formatReport(report: EvalReport, options: { readonly verbose?: boolean } = {}): string {
  const hybrid = report.systems.find((s) => s.system === 'hybrid');
  const { latency } = report;
  const lines = [
    `eval: ${report.inScope} in-scope and ${report.outOfScope} out-of-scope questions, embedder ${report.embedder}`,
    '',
    formatTable(report),
    '',
    `query latency (embed + search, hybrid, ${latency.queries} queries): p50 ${latency.p50Ms.toFixed(3)} ms, p95 ${latency.p95Ms.toFixed(3)} ms, max ${latency.maxMs.toFixed(3)} ms`,
  ];
  if (hybrid) {
    const c = hybrid.calibration;
    lines.push(
      `hybrid calibration: lowest in-scope top score ${num(c.lowestInScope)}, highest out-of-scope top score ${num(c.highestOutOfScope)}, best threshold on this set ${c.best}, the midpoint of (${num(c.rangeLow)}, ${num(c.rangeHigh)}] where ${c.correct}/${c.total} are decided right`,
    );
    lines.push('', `hybrid misses at rank 1 (${hybrid.misses.length}):`);
    for (const m of hybrid.misses) {
      lines.push(
        `  - [${m.kind}] ${JSON.stringify(m.question)}`,
        `      expected ${m.expected.join(' | ')}`,
        `      got      ${m.got.join(', ') || '(nothing)'}`,
      );
    }
    lines.push(
      '',
      `in-scope questions the answerer abstained on (${hybrid.wrongAbstentions.length}):`,
      ...hybrid.wrongAbstentions.map((q) => `  - ${q}`),
    );
    lines.push(
      '',
      `out-of-scope questions the answerer answered (${hybrid.wrongAnswers.length}):`,
      ...hybrid.wrongAnswers.map((q) => `  - ${q}`),
    );
  }
  if (options.verbose) {
    for (const s of report.systems.filter((x) => x.system !== 'hybrid')) {
      lines.push('', `${s.system} misses at rank 1 (${s.misses.length}):`);
      for (const m of s.misses) lines.push(`  - ${JSON.stringify(m.question)} → ${m.got[0] ?? '(nothing)'}`);
    }
  }
  return lines.join('\n');
}
