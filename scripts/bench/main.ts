/**
 * `npm run bench`: how fast and how small the service is, side by side with a bare Hono server.
 * Builds, then measures HTTP throughput and latency (autocannon), the pieces of a request
 * (tinybench), the index load, and the Worker's bundle and start-up (wrangler, workerd), checks the
 * targets of issue #8 and writes BENCHMARKS.md. Exits 1 when a target is missed.
 *
 * `npm run bench -- --only micro` (or `http`, `worker`, `knowledge`, `reliability`, `soak`,
 * comma-separated) runs a part and prints the report instead of writing BENCHMARKS.md;
 * `--skip-build` reuses dist/ and build/; `--soak-minutes` sets the memory soak's length (10).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR, INDEX_DIR } from '../lib/paths.js';
import { coldIndexLoad } from './cold-index-load.js';
import {
  checkKnowledgeGrowth,
  renderKnowledgeGrowth,
  runKnowledgeGrowthBench,
  type KnowledgeGrowthResult,
} from './knowledge-growth.js';
import { runHttpBench } from './http-bench.js';
import { busyThreshold, describeMachine, formatLoad, loadAverage } from './machine.js';
import { runMicroBenchmarks } from './micro.js';
import { runReliabilityBench } from './reliability.js';
import { renderReport, type ReportContext } from './report.js';
import { runSoak } from './soak.js';
import { checkTargets, type BenchResults } from './targets.js';
import { buildWorkerBundle } from './worker-bundle.js';
import { measureWorkerStartup } from './worker-startup.js';

const PARTS = ['http', 'micro', 'worker', 'knowledge', 'reliability', 'soak'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'micro-time': { type: 'string', default: '2000' },
    'cold-runs': { type: 'string', default: '5' },
    'worker-runs': { type: 'string', default: '3' },
    'soak-minutes': { type: 'string', default: '10' },
    only: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT_DIR, 'BENCHMARKS.md') },
  },
});

const positive = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${String(value)}`);
  return n;
};
const parts = new Set<Part>(values.only ? values.only.split(',').map((p) => parsePart(p.trim())) : PARTS);
const machine = describeMachine();
const context: Omit<ReportContext, 'loadAtEnd'> = {
  machine,
  startedAt: new Date(),
  load: {
    connections: positive('connections', values.connections),
    durationSeconds: positive('duration', values.duration),
    warmupSeconds: Number(values.warmup) || 0,
  },
  microTimeMs: positive('micro-time', values['micro-time']),
  coldRuns: positive('cold-runs', values['cold-runs']),
  workerRuns: positive('worker-runs', values['worker-runs']),
};
// Server logs, the scratch feedback database, the built Workers: removed after a run, kept after a failure.
const workDir = mkdtempSync(join(tmpdir(), 'pymem-bench-'));
const say = (line: string) => process.stderr.write(`${line}\n`);

say(
  `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}; load average ${formatLoad(machine.loadAtStart)}`,
);
if (machine.loadAtStart[0] > busyThreshold(machine.cores)) {
  say(
    `warning: the machine is busy (1-minute load ${machine.loadAtStart[0]}): other processes will lower every number; re-run when it is quiet.`,
  );
}
if (!values['skip-build']) {
  say('building (npm run build)…');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}

const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = {};
if (parts.has('worker')) {
  say('Worker: wrangler deploy --dry-run, then workerd start-up…');
  results.workerBundle = await buildWorkerBundle({ rootDir: ROOT_DIR, outDir: join(workDir, 'worker') });
  const probe = await buildWorkerBundle({
    rootDir: ROOT_DIR,
    outDir: join(workDir, 'probe'),
    entry: 'scripts/bench/workerd-index-probe.ts',
  });
  results.workerStartup = await measureWorkerStartup({
    rootDir: ROOT_DIR,
    service: results.workerBundle,
    probe,
    runs: context.workerRuns,
  });
}
if (parts.has('micro')) {
  say('micro-benchmarks (tinybench)…');
  results.micro = await runMicroBenchmarks({ indexDir: INDEX_DIR, timeMs: context.microTimeMs });
  results.coldIndexLoad = await coldIndexLoad({ rootDir: ROOT_DIR, indexDir: INDEX_DIR, runs: context.coldRuns });
}
if (parts.has('reliability')) {
  results.reliability = await runReliabilityBench({ rootDir: ROOT_DIR, indexDir: INDEX_DIR, workDir, port: 8882, say });
}
if (parts.has('http')) {
  results.http = await runHttpBench({
    ...context.load,
    rootDir: ROOT_DIR,
    workDir,
    barePort: 8880,
    servicePort: 8881,
    onScenario: (s) => say(`HTTP: ${s.name} (load ${formatLoad(loadAverage())})…`),
  });
}

// Issue #15: the same measures with an operator-sized knowledge (scripts/bench/knowledge-growth.ts).
let knowledge: KnowledgeGrowthResult | undefined;
if (parts.has('knowledge')) {
  knowledge = await runKnowledgeGrowthBench({
    ...context.load,
    rootDir: ROOT_DIR,
    workDir: join(workDir, 'knowledge'),
    port: 8884,
    coldRuns: context.coldRuns,
    onStep: say,
  });
}

if (parts.has('soak')) {
  const minutes = positive('soak-minutes', values['soak-minutes']);
  say(`memory soak: ${minutes} minutes of mixed load…`);
  results.soak = await runSoak({ rootDir: ROOT_DIR, workDir, port: 8883, minutes, say });
}

const report =
  renderReport(results, { ...context, loadAtEnd: loadAverage() }) +
  (knowledge ? `\n${renderKnowledgeGrowth(knowledge, context.load)}` : '');
const complete = PARTS.every((p) => parts.has(p));
if (complete) {
  writeFileSync(values.out, report);
  say(`wrote ${values.out}`);
}
process.stdout.write(report);
rmSync(workDir, { recursive: true, force: true });
const missed = [...checkTargets(results), ...(knowledge ? checkKnowledgeGrowth(knowledge) : [])].filter(
  (c) => !c.holds,
);
say(missed.length === 0 ? 'all targets hold' : `targets missed: ${missed.map((c) => c.target).join('; ')}`);
process.exitCode = missed.length === 0 ? 0 : 1;

function parsePart(part: string): Part {
  if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--only takes ${PARTS.join(', ')}; got "${part}"`);
  return part as Part;
}
