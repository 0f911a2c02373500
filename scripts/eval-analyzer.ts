/**
 * `npm run eval:analyzer`: the analyzer on the real-code corpus (test/analyze/real-corpus). Prints
 * precision per rule and severity before issue 16 and now (from the hand judgements), recall on
 * the hand-listed real problems, the findings not judged yet (ready to paste into
 * judgements.tsv), timing, and Ruff side by side. `--markdown` prints the README's table.
 */

import { loadavg } from 'node:os';
import { RULES } from '../src/analyze/rules/index.js';
import { corpusProblem, readPackages, runCorpus, versionDrift } from './lib/analyzer-corpus/corpus.js';
import { evaluate, precision, strictPrecision, type Tally } from './lib/analyzer-corpus/judgements.js';
import { RUFF_EQUIVALENTS, ruffCheck, ruffVersion } from './lib/analyzer-corpus/ruff.js';

const markdown = process.argv.includes('--markdown');
const problem = corpusProblem();
if (problem) {
  console.error(`eval:analyzer: ${problem}`);
  process.exit(2);
}

const run = await runCorpus();
const evaluation = evaluate(run);
const lines = run.files.reduce((n, f) => n + f.code.split('\n').length, 0);
const pct = (p: number | undefined) => (p === undefined ? '—' : `${Math.round(p * 100)}%`);
const cell = (t: Tally | undefined) =>
  t ? `${t.findings} (${t.true}/${t.false}/${t.debatable}${t.unjudged ? `, ${t.unjudged}?` : ''})` : '—';

// Ruff on the same files, with the rules whose concern overlaps ours.
const ruffByRule = new Map<string, { total: number; ours: number }>();
for (const file of run.files) {
  const ours = run.findings.filter((f) => f.file === file.path);
  for (const d of ruffCheck(file.code)) {
    const equivalents = RUFF_EQUIVALENTS[d.name];
    if (!equivalents) continue;
    const entry = ruffByRule.get(d.name) ?? { total: 0, ours: 0 };
    entry.total++;
    if (ours.some((o) => equivalents.includes(o.finding.rule as never) && Math.abs(o.line - d.line) <= 3)) entry.ours++;
    ruffByRule.set(d.name, entry);
  }
}
const ruffFor = (rule: string) =>
  Object.entries(RUFF_EQUIVALENTS)
    .filter(([, ours]) => ours.includes(rule as never))
    .map(([name]) => {
      const r = ruffByRule.get(name);
      return `${name} ${r ? `${r.total}${r.ours < r.total ? ` (${r.ours} also ours)` : ''}` : '0'}`;
    })
    .join(', ') || 'no rule';

if (markdown) {
  console.log(
    '| rule | severity | findings now (true/false/debatable) | precision now | before issue 16 | precision before | Ruff (same concern) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const rule of RULES) {
    for (const severity of ['warning', 'info'] as const) {
      const now = evaluation.after.get(`${rule.id}/${severity}`);
      const then = evaluation.before.get(`${rule.id}/${severity}`);
      if (!now && !then) continue;
      console.log(
        `| \`${rule.id}\` | ${severity} | ${cell(now)} | ${pct(now && precision(now))} | ${cell(then)} | ${pct(then && precision(then))} | ${ruffFor(rule.id)} |`,
      );
    }
  }
  for (const severity of ['warning', 'info'] as const) {
    const now = evaluation.after.get(`all/${severity}`);
    const then = evaluation.before.get(`all/${severity}`);
    console.log(
      `| **all** | ${severity} | ${cell(now)} | **${pct(now && precision(now))}** | ${cell(then)} | ${pct(then && precision(then))} | |`,
    );
  }
  process.exit(0);
}

const packages = readPackages();
const drift = versionDrift(packages);
console.log(`Real-code corpus: ${packages.map((p) => `${p.directory} ${p.version}`).join(', ')}`);
if (drift.length) console.log(`  installed versions differ from the pins: ${drift.join('; ')}`);
console.log(
  `${run.files.length} files (${run.excluded} paths left out by the default exclusions), ${lines.toLocaleString('en-US')} lines; ` +
    `${run.findings.length} findings; ${run.syntaxErrors.length} syntax errors; ${run.ruleErrors.length} rule errors`,
);
console.log(
  `Analysis: ${(run.milliseconds / 1000).toFixed(2)} s wall, ${(run.cpuMilliseconds / 1000).toFixed(2)} s CPU (first run in this process, JIT warm-up included); load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const e of run.syntaxErrors.slice(0, 10))
  console.log(`  syntax error ${e.file}:${e.error.range.start.line + 1} ${e.error.message}`);
for (const e of run.ruleErrors.slice(0, 10)) console.log(`  rule error ${e}`);

console.log(
  '\nPrecision = true / (true + false); debatable left out and shown. Cells: findings (true/false/debatable[, unjudged?]).',
);
console.log(
  `${'rule'.padEnd(30)} ${'severity'.padEnd(8)} ${'before'.padEnd(20)} ${'prec'.padEnd(5)} ${'now'.padEnd(20)} ${'prec'.padEnd(5)} Ruff`,
);
for (const rule of RULES) {
  for (const severity of ['warning', 'info'] as const) {
    const now = evaluation.after.get(`${rule.id}/${severity}`);
    const then = evaluation.before.get(`${rule.id}/${severity}`);
    if (!now && !then) continue;
    console.log(
      `${rule.id.padEnd(30)} ${severity.padEnd(8)} ${cell(then).padEnd(20)} ${pct(then && precision(then)).padEnd(5)} ${cell(now).padEnd(20)} ${pct(now && precision(now)).padEnd(5)} ${ruffFor(rule.id)}`,
    );
  }
}
for (const severity of ['warning', 'info'] as const) {
  const now = evaluation.after.get(`all/${severity}`);
  const then = evaluation.before.get(`all/${severity}`);
  console.log(
    `${'ALL'.padEnd(30)} ${severity.padEnd(8)} ${cell(then).padEnd(20)} ${pct(then && precision(then)).padEnd(5)} ${cell(now).padEnd(20)} ${pct(now && precision(now)).padEnd(5)} ` +
      `(strict, debatable counted as not worth it: before ${pct(then && strictPrecision(then))}, now ${pct(now && strictPrecision(now))})`,
  );
}
const { found, missed, foundBefore } = evaluation.recall;
const listed = Math.max(1, found.length + missed.length);
console.log(
  `\nRecall on ${found.length + missed.length} hand-listed real problems: ${found.length} found = ${pct(found.length / listed)} (before issue 16: ${foundBefore} = ${pct(foundBefore / listed)})`,
);
for (const m of missed) console.log(`  missed ${m.rules.join(',')} ${m.file}:${m.line} ${m.description}`);
console.log(
  `Ruff ${ruffVersion()} (in our scope): ${[...ruffByRule].map(([name, r]) => `${name} ${r.total} (${r.ours} also ours)`).join(', ') || 'nothing'}`,
);

if (evaluation.falseReported.length) {
  console.log(`\n${evaluation.falseReported.length} findings judged false are reported:`);
  for (const f of evaluation.falseReported)
    console.log(`  ${f.finding.rule} ${f.file}:${f.line} ${f.lineText.trim().slice(0, 80)}`);
}
if (evaluation.trueMissing.length) {
  console.log(`\n${evaluation.trueMissing.length} findings judged true are no longer reported:`);
  for (const j of evaluation.trueMissing) console.log(`  ${j.rule} ${j.file}:${j.line} ${j.reason}`);
}
if (evaluation.unjudged.length) {
  console.log(
    `\n${evaluation.unjudged.length} findings not judged yet (verdict, rule, file:line, key, then your reason), for test/analyze/real-corpus/judgements.tsv:`,
  );
  for (const f of evaluation.unjudged) {
    const hash = f.key.split(' ')[2];
    console.log(
      `?\t${f.finding.rule}\t${f.file}:${f.line}\t${hash}\t${f.finding.severity}: ${f.lineText.trim().slice(0, 100)}`,
    );
  }
}
