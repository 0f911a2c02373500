/**
 * `npm run bench:analyze`: how long `analyzeSnippet` takes on a 64 KiB file (the `/v1/analyze` limit).
 * The file is the test corpus (real-looking Python, dense with findings) repeated up to 64 KiB
 * (`pythonSnippet`, the one the HTTP benchmarks send);
 * pathological non-Python inputs of the same size are timed too, for the README's limits.
 * `-- --file path.py` adds the first 64 KiB of any Python file (e.g. a stdlib module).
 * `-- --corpus` times the whole real-code corpus (test/analyze/real-corpus, Debian packages) three
 * times in one process: the first run includes V8's warm-up; the target is < 5 s of CPU.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { analyzeSnippet } from '../src/analyze/analyze-snippet.js';
import { fillTo, KIB, pythonSnippet } from './bench/python-snippets.js';

const KIB_64 = 64 * KIB;
const TARGET_MS = 50;
/** Wall-clock and CPU time of each run; CPU time is what a loaded machine cannot inflate much. */
function time(code: string, runs: number) {
  const samples: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    findings = analyzeSnippet(code, { includeInfo: true }).findings.length;
    const spent = process.cpuUsage(usage);
    samples.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const cpuSorted = cpu.slice(1).sort((a, b) => a - b);
  const cpuMedian = cpuSorted[Math.floor(cpuSorted.length / 2)] ?? 0;
  const first = samples[0] ?? 0;
  const sorted = samples.slice(1).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { first, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0, cpuMedian, findings };
}

const realistic = pythonSnippet(KIB_64);
const fileArg = process.argv.indexOf('--file');
const extraFile = fileArg >= 0 ? process.argv[fileArg + 1] : undefined;
const cases: [string, string, number][] = [
  ...(extraFile
    ? ([[`first 64 KiB of ${extraFile}`, fillTo(KIB_64, readFileSync(extraFile, 'utf8')), 40]] as [
        string,
        string,
        number,
      ][])
    : []),
  ['64 KiB of Python (the corpus, repeated)', realistic, 40],
  [
    '64 KiB, all indented by 8 spaces',
    fillTo(
      KIB_64,
      `${realistic
        .split('\n')
        .map((l) => (l ? `        ${l}` : l))
        .join('\n')}\n`,
    ),
    20,
  ],
  ['64 KiB of ":" (worst error recovery found)', ':'.repeat(KIB_64), 3],
  ['64 KiB of "(" (cut at 200 nested brackets)', '('.repeat(KIB_64), 3],
];

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
let failed = false;
if (process.argv.includes('--corpus')) {
  const { corpusProblem, runCorpus } = await import('./lib/analyzer-corpus/corpus.js');
  const problem = corpusProblem();
  if (problem) throw new Error(problem);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await runCorpus());
  const [first] = runs;
  const warm =
    runs
      .slice(1)
      .map((r) => r.cpuMilliseconds)
      .sort((a, b) => a - b)[0] ?? 0;
  const lines = first ? first.files.reduce((n, f) => n + f.code.split('\n').length, 0) : 0;
  console.log(
    `node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} CPUs`,
  );
  console.log(
    `real-code corpus: ${first?.files.length} files, ${lines.toLocaleString('en-US')} lines, ${first?.findings.length} findings — ` +
      runs
        .map(
          (r, i) =>
            `run ${i + 1}: ${(r.milliseconds / 1000).toFixed(2)} s wall, ${(r.cpuMilliseconds / 1000).toFixed(2)} s CPU`,
        )
        .join('; '),
  );
  failed = warm >= 5000;
  console.log(
    failed ? 'FAIL: the warm corpus run took 5 s of CPU or more' : 'OK: the whole corpus in under 5 s of CPU (warm)',
  );
  process.exit(failed ? 1 : 0);
}
console.log(
  `node ${process.version}, ${process.arch}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.availableParallelism()} CPUs`,
);
for (const [name, code, runs] of cases) {
  const t = time(code, runs);
  console.log(
    `${name}: ${Buffer.byteLength(code)} bytes, ${code.split('\n').length} lines, ${t.findings} findings — ` +
      `first ${fmt(t.first)}, then median ${fmt(t.median)} (CPU ${fmt(t.cpuMedian)}), p95 ${fmt(t.p95)}, max ${fmt(t.max)} (${runs - 1} runs)`,
  );
  if (name.startsWith('64 KiB of Python') && t.median >= TARGET_MS) failed = true;
}
console.log(
  failed
    ? `FAIL: median over ${TARGET_MS} ms on the Python file`
    : `OK: 64 KiB of Python analyzed in well under ${TARGET_MS} ms`,
);
process.exitCode = failed ? 1 : 0;
