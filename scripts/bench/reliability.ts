/**
 * The reliability figures of issue #19 that `npm run bench` measures (the reliability suite,
 * `npm run test:reliability`, checks the rest: disk full, read-only, kill -9, slow sockets):
 * the worst 64 KiB analysis in CPU, `/healthz` while 8 clients send the costliest inputs, SIGTERM
 * under that load, and the write-ahead log after 10,000 verdicts; and the costliest question
 * within the request limits, in CPU.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_ANALYSIS_LIMITS } from '../../src/analyze/analysis-budget.js';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { LIMITS } from '../../src/http/limits.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { HOSTILE_INPUTS } from '../../test/analyze/hostile-inputs.js';
import { HOSTILE_QUESTIONS } from '../../test/answer/hostile-questions.js';
import { KIB, pythonSnippet } from './python-snippets.js';
import { startServer, type ServerProcess } from './server-process.js';
import { median } from './stats.js';

export interface ReliabilityResult {
  /** CPU ms of the costliest 64 KiB input (median of its runs), and which it was. */
  readonly worstAnalysis: { readonly name: string; readonly cpuMs: number };
  readonly analysisCpuMs: readonly { readonly name: string; readonly cpuMs: number }[];
  /** Main-thread CPU ms of the costliest `/v1/ask` body (median of its runs, each with words never seen before), and which it was. */
  readonly worstQuestion: { readonly name: string; readonly cpuMs: number };
  readonly questionCpuMs: readonly { readonly name: string; readonly cpuMs: number }[];
  readonly healthzUnderLoad: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly samples: number;
    readonly statuses: Record<string, number>;
  };
  readonly sigterm: { readonly exitMs: number };
  readonly wal: { readonly verdicts: number; readonly walMB: number; readonly dbMB: number };
}

export interface ReliabilityOptions {
  readonly rootDir: string;
  readonly indexDir: string;
  readonly workDir: string;
  readonly port: number;
  readonly say: (line: string) => void;
}

const DENSE = {
  name: 'dense real code (the analyzer corpus)',
  code: pythonSnippet(64 * KIB),
  before: '40 ms (the benchmark of issue #8)',
};

/**
 * The same figures before issue #19 (commit b7f28e1), measured on this machine on 2026-12-03 with
 * the probes of the reliability suite, the machine loaded by other work (load average 2–7).
 */
export const BEFORE_ISSUE_19 = {
  worstAnalysis: '7.7 s of CPU (`([)]` repeated); 3.7 s for `](`',
  healthz: 'p50 36.9 s (2 answers in 20 s); with one such client p50 3.3 s, p99 4.0 s',
  sigterm: '21.2 s (4 clients)',
  wal: '77.2 MB after 5,000 verdicts (never checkpointed: the database file stayed 4 KB)',
} as const;

export async function runReliabilityBench(options: ReliabilityOptions): Promise<ReliabilityResult> {
  options.say('reliability: worst-case analysis CPU…');
  const analysisCpuMs = [...HOSTILE_INPUTS, DENSE].map(({ name, code }) => ({ name, cpuMs: analysisCpu(code) }));
  const worst = analysisCpuMs.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  options.say('reliability: worst-case question CPU…');
  const questionCpuMs = await questionsCpu(options.indexDir);
  const worstQuestion = questionCpuMs.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  const bodies = [...HOSTILE_INPUTS, DENSE]
    .map(({ code }) => JSON.stringify({ code }))
    .filter((b) => Buffer.byteLength(b) <= LIMITS.bodyBytes);

  options.say('reliability: /healthz while 8 clients send the costliest inputs, then SIGTERM…');
  const server = await start(options, 'hostile', {});
  let healthzUnderLoad: ReliabilityResult['healthzUnderLoad'];
  let sigterm: ReliabilityResult['sigterm'];
  try {
    const load = hostileLoad(server.baseUrl, bodies, 8);
    await sleep(2_000);
    const latencies: number[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const t = performance.now();
      await (await fetch(`${server.baseUrl}/healthz`)).arrayBuffer();
      latencies.push(performance.now() - t);
      await sleep(20);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    healthzUnderLoad = {
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted.at(-1) ?? Number.NaN,
      samples: latencies.length,
      statuses: load.statuses,
    };
    const halted = load.stop(); // answers after this are the shutdown's, not counted
    const sent = performance.now();
    await server.stop(30_000);
    sigterm = { exitMs: performance.now() - sent };
    await halted;
  } finally {
    await server.stop();
  }

  options.say('reliability: the write-ahead log after 10,000 verdicts…');
  const dbFile = join(options.workDir, 'reliability-feedback.sqlite');
  const storing = await start(options, 'wal', { FEEDBACK_DB: dbFile });
  let wal: ReliabilityResult['wal'];
  try {
    wal = {
      verdicts: await sendVerdicts(storing.baseUrl, 10_000),
      walMB: fileMB(`${dbFile}-wal`),
      dbMB: fileMB(dbFile),
    };
  } finally {
    await storing.stop();
  }
  return { worstAnalysis: worst, analysisCpuMs, worstQuestion, questionCpuMs, healthzUnderLoad, sigterm, wal };
}

/** Median CPU ms of analyzing `code` under the service's limits, after a warm-up run. */
function analysisCpu(code: string, runs = 5): number {
  const run = () => {
    const started = process.cpuUsage();
    try {
      analyzeSnippet(code, { limits: SERVICE_ANALYSIS_LIMITS });
    } catch {
      // over the work budget: a 422, what it cost is what counts
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  run();
  return median(Array.from({ length: runs }, run));
}

/**
 * Median CPU ms of answering each hostile question as `answerQuestion` does (as every channel
 * does; a snippet's analysis, which runs on the analysis thread, not counted), after a warm-up,
 * on an index without its query cache: every run sends words made up afresh (a new seed), so no
 * cache of the service helps, as none would against a client that makes up new words for every
 * request.
 */
async function questionsCpu(indexDir: string, runs = 5): Promise<{ name: string; cpuMs: number }[]> {
  const index = await loadIndexFromDisk(indexDir, undefined, { queryCacheSize: 0 });
  const measured: { name: string; cpuMs: number }[] = [];
  let seed = 0;
  for (const { name, ask } of HOSTILE_QUESTIONS) {
    const run = async () => {
      const question = ask(seed++);
      // The snippet is analyzed first, as the routes do on the analysis thread: what is timed is the main thread's part.
      const analysis = question.snippet
        ? analyzeSnippet(question.snippet, { limits: SERVICE_ANALYSIS_LIMITS })
        : undefined;
      const started = process.cpuUsage();
      await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { ...question, ...(analysis ? { analysis } : {}) });
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    await run();
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) cpu.push(await run());
    measured.push({ name, cpuMs: median(cpu) });
  }
  return measured;
}

function start(options: ReliabilityOptions, name: string, env: Record<string, string>): Promise<ServerProcess> {
  const { PATH, HOME, LANG, TZ } = process.env;
  return startServer({
    args: ['dist/src/node.js'],
    env: {
      PATH,
      HOME,
      LANG,
      TZ,
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
      FEEDBACK_DB: 'off',
      ...env,
    },
    cwd: options.rootDir,
    baseUrl: `http://127.0.0.1:${options.port}`,
    readyPath: '/healthz',
    logFile: join(options.workDir, `reliability-${name}.log`),
  });
}

function hostileLoad(baseUrl: string, bodies: readonly string[], clients: number) {
  let stop = false;
  const statuses: Record<string, number> = {};
  const running = Array.from({ length: clients }, async (_, client) => {
    for (let i = client; !stop; i++) {
      try {
        const res = await fetch(`${baseUrl}/v1/analyze`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bodies[i % bodies.length],
        });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      } catch {
        if (stop) return;
        statuses.error = (statuses.error ?? 0) + 1;
        await sleep(50);
      }
    }
  });
  return {
    statuses,
    stop: async () => {
      stop = true;
      await Promise.all(running);
    },
  };
}

/** Sends `n` verdicts (20 at a time) on answers to 20 questions; how many were stored (200). */
async function sendVerdicts(baseUrl: string, n: number): Promise<number> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push(
      (
        (await (await post('/v1/ask', { question: `how do I find a memory leak, take ${i}?` })).json()) as {
          answerId: string;
        }
      ).answerId,
    );
  let next = 0;
  let stored = 0;
  await Promise.all(
    ids.map(async (answerId, client) => {
      while (next < n) {
        const tail = (client * 1_000_000 + next++).toString(16).padStart(15, '0');
        const res = await post('/v1/feedback', {
          answerId: `${answerId.slice(0, 19)}8${tail.slice(0, 3)}-${tail.slice(3)}`,
          helpful: next % 2 === 0,
          comment: 'c'.repeat(200),
        });
        await res.arrayBuffer();
        if (res.ok) stored++;
      }
    }),
  );
  return stored;
}

function fileMB(path: string): number {
  return existsSync(path) ? statSync(path).size / 1e6 : 0;
}
