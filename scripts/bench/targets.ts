import type { ColdLoadResult } from './cold-index-load.js';
import type { HttpBenchResult, ScenarioResult } from './http-bench.js';
import type { MicroResult } from './micro.js';
import type { WorkerBundleResult } from './worker-bundle.js';
import type { ReliabilityResult } from './reliability.js';
import type { SoakResult } from './soak.js';
import type { WorkerStartupResult } from './worker-startup.js';

/** Everything one `npm run bench` measured; a part that was not run is absent. */
export interface BenchResults {
  readonly http?: HttpBenchResult;
  readonly micro?: readonly MicroResult[];
  readonly coldIndexLoad?: ColdLoadResult;
  readonly workerBundle?: WorkerBundleResult;
  readonly workerStartup?: WorkerStartupResult;
  readonly reliability?: ReliabilityResult;
  readonly soak?: SoakResult;
}

export interface TargetCheck {
  /** The target as issue #8 states it. */
  readonly target: string;
  /** What was measured, formatted. */
  readonly measured: string;
  readonly holds: boolean;
}

/** Most the settled RSS may grow over the soak after its warm-up: more is growth, less is noise (allocator pages). */
export const SOAK_GROWTH_TOLERANCE_MB = 10;
/** Most the live heap may grow over the soak: caches are full by then, so anything more is retained. */
export const SOAK_HEAP_TOLERANCE_MB = 3;

/** The targets of issues #8 and #19 (2-core machine, loopback, 50 connections) that the measured parts can decide. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { http, micro, coldIndexLoad, workerBundle, workerStartup } = results;
  if (http) {
    const ask = scenario(http, 'POST /v1/ask');
    const search = scenario(http, 'POST /v1/search');
    checks.push(
      ratioCheck("`POST /v1/ask` ≥ 50% of the bare route's requests/s", ask, http.bare, 0.5),
      ratioCheck("`POST /v1/search` ≥ 60% of the bare route's requests/s", search, http.bare, 0.6),
      {
        target: 'p99 latency of `POST /v1/ask` < 20 ms',
        measured: `${ask.latencyP99Ms} ms`,
        holds: ask.latencyP99Ms < 20,
      },
      {
        target: 'server RSS < 150 MB after the run (settled: 45 s idle)',
        measured: `${http.rssSettledMB.toFixed(1)} MB (${http.rssAfterRunMB.toFixed(1)} MB 1 s after the last request)`,
        holds: http.rssSettledMB < 150,
      },
    );
  }
  const analyzer64 = micro?.find((m) => m.name === 'analyzer, 64 KiB');
  if (analyzer64) {
    checks.push({
      target: 'analyzer on 64 KiB < 50 ms (median call)',
      measured: `${analyzer64.p50Ms.toFixed(1)} ms`,
      holds: analyzer64.p50Ms < 50,
    });
  }
  if (workerBundle) {
    const mib = workerBundle.wranglerGzipKiB / 1024;
    checks.push({
      target: 'Worker bundle < 3 MiB gzipped',
      measured: `${mib.toFixed(2)} MiB (${workerBundle.wranglerGzipKiB.toFixed(0)} KiB)`,
      holds: mib < 3,
    });
  }
  if (coldIndexLoad) {
    checks.push({
      target: 'index load < 50 ms (Node, fresh process)',
      measured: `${coldIndexLoad.medianMs.toFixed(1)} ms`,
      holds: coldIndexLoad.medianMs < 50,
    });
  }
  if (workerStartup) {
    checks.push({
      target: 'index load < 50 ms (workerd, fresh isolate)',
      measured: `${workerStartup.coldIndexLoadMs.toFixed(1)} ms`,
      holds: workerStartup.coldIndexLoadMs < 50,
    });
  }
  const { reliability, soak } = results;
  if (reliability) {
    const { healthzUnderLoad: h, worstAnalysis: w, worstQuestion: q, wal, sigterm } = reliability;
    checks.push(
      {
        target: '`/healthz` p99 < 100 ms while 8 clients send the costliest 64 KiB analyses',
        measured: `${h.p99Ms.toFixed(1)} ms (p50 ${h.p50Ms.toFixed(1)} ms)`,
        holds: h.p99Ms < 100,
      },
      {
        target: 'worst 64 KiB analysis < 250 ms of CPU',
        measured: `${w.cpuMs.toFixed(0)} ms (${w.name})`,
        holds: w.cpuMs < 250,
      },
      {
        target:
          'worst `/v1/ask` body within the limits (2,000-character question, 64 KiB snippet, 16 KiB of history) < 50 ms of main-thread CPU',
        measured: `${q.cpuMs.toFixed(0)} ms (${q.name})`,
        holds: q.cpuMs < 50,
      },
      {
        target: 'WAL < 16 MB after 10,000 verdicts',
        measured: `${wal.walMB.toFixed(1)} MB (${wal.verdicts.toLocaleString('en-US')} stored)`,
        holds: wal.walMB < 16 && wal.verdicts === 10_000,
      },
      {
        target: 'SIGTERM under that load: exit < 3 s',
        measured: `${sigterm.exitMs.toFixed(0)} ms`,
        holds: sigterm.exitMs < 3_000,
      },
    );
  }
  if (soak) {
    const rss = soak.after.rssMB - soak.before.rssMB;
    const heap = soak.after.liveHeapMB - soak.before.liveHeapMB;
    const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(1)} MB`;
    checks.push({
      target: `no growth over a ${soak.minutes}-minute mixed soak after warm-up (settled RSS ≤ +${SOAK_GROWTH_TOLERANCE_MB} MB, live heap ≤ +${SOAK_HEAP_TOLERANCE_MB} MB)`,
      measured: `RSS ${signed(rss)} (${soak.before.rssMB.toFixed(1)} → ${soak.after.rssMB.toFixed(1)} MB), live heap ${signed(heap)} (${soak.before.liveHeapMB.toFixed(1)} → ${soak.after.liveHeapMB.toFixed(1)} MB)`,
      holds: rss <= SOAK_GROWTH_TOLERANCE_MB && heap <= SOAK_HEAP_TOLERANCE_MB,
    });
  }
  return checks;
}

function scenario(http: HttpBenchResult, name: string): ScenarioResult {
  const found = http.service.find((s) => s.scenario.name === name);
  if (!found) throw new Error(`no HTTP result for ${name}`);
  return found;
}

function ratioCheck(target: string, measured: ScenarioResult, bare: ScenarioResult, floor: number): TargetCheck {
  const ratio = measured.requestsPerSecond / bare.requestsPerSecond;
  return {
    target,
    measured: `${(ratio * 100).toFixed(1)}% (${Math.round(measured.requestsPerSecond)} vs ${Math.round(bare.requestsPerSecond)} req/s)`,
    holds: ratio >= floor,
  };
}
