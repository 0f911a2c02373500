import type { ColdLoadResult } from './cold-index-load.js';
import type { HttpBenchResult, ScenarioResult } from './http-bench.js';
import type { MicroResult } from './micro.js';
import type { WorkerBundleResult } from './worker-bundle.js';
import type { WorkerStartupResult } from './worker-startup.js';

/** Everything one `npm run bench` measured; a part that was not run is absent. */
export interface BenchResults {
  readonly http?: HttpBenchResult;
  readonly micro?: readonly MicroResult[];
  readonly coldIndexLoad?: ColdLoadResult;
  readonly workerBundle?: WorkerBundleResult;
  readonly workerStartup?: WorkerStartupResult;
}

export interface TargetCheck {
  /** The target as issue #8 states it. */
  readonly target: string;
  /** What was measured, formatted. */
  readonly measured: string;
  readonly holds: boolean;
}

/** The targets (2-core machine, loopback, 50 connections) that the measured parts can decide. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { http, micro, coldIndexLoad, workerBundle, workerStartup } = results;
  if (http) {
    const ask = scenario(http, 'POST /v1/ask');
    const search = scenario(http, 'POST /v1/search');
    checks.push(
      ratioCheck('`POST /v1/ask` ≥ 50% of the bare route\'s requests/s', ask, http.bare, 0.5),
      ratioCheck('`POST /v1/search` ≥ 60% of the bare route\'s requests/s', search, http.bare, 0.6),
      { target: 'p99 latency of `POST /v1/ask` < 20 ms', measured: `${ask.latencyP99Ms} ms`, holds: ask.latencyP99Ms < 20 },
      { target: 'server RSS < 150 MB after the run', measured: `${http.rssAfterRunMB.toFixed(1)} MB`, holds: http.rssAfterRunMB < 150 },
    );
  }
  const analyzer64 = micro?.find((m) => m.name === 'analyzer, 64 KiB');
  if (analyzer64) {
    checks.push({ target: 'analyzer on 64 KiB < 50 ms (median call)', measured: `${analyzer64.p50Ms.toFixed(1)} ms`, holds: analyzer64.p50Ms < 50 });
  }
  if (workerBundle) {
    const mib = workerBundle.wranglerGzipKiB / 1024;
    checks.push({ target: 'Worker bundle < 3 MiB gzipped', measured: `${mib.toFixed(2)} MiB (${workerBundle.wranglerGzipKiB.toFixed(0)} KiB)`, holds: mib < 3 });
  }
  if (coldIndexLoad) {
    checks.push({ target: 'index load < 50 ms (Node, fresh process)', measured: `${coldIndexLoad.medianMs.toFixed(1)} ms`, holds: coldIndexLoad.medianMs < 50 });
  }
  if (workerStartup) {
    checks.push({
      target: 'index load < 50 ms (workerd, fresh isolate)',
      measured: `${workerStartup.coldIndexLoadMs.toFixed(1)} ms`,
      holds: workerStartup.coldIndexLoadMs < 50,
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
