import { describe, expect, it } from 'vitest';
import type { HttpBenchResult, ScenarioResult } from '../../scripts/bench/http-bench.js';
import type { LoadScenario } from '../../scripts/bench/http-load.js';
import type { MicroResult } from '../../scripts/bench/micro.js';
import { renderReport } from '../../scripts/bench/report.js';
import { checkTargets, type BenchResults } from '../../scripts/bench/targets.js';

const scenario = (name: string): LoadScenario => ({ name, workload: `${name} workload`, method: 'POST', path: '/' });
const row = (name: string, requestsPerSecond: number, latencyP99Ms = 5): ScenarioResult => ({
  scenario: scenario(name),
  requestsPerSecond,
  totalRequests: requestsPerSecond * 10,
  latencyP50Ms: 1,
  latencyP99Ms,
  latencyMeanMs: 1.5,
  latencyMaxMs: 30,
  bytesPerSecond: 1e6,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  shed: 0,
  loadBefore: 0.2,
  serverCpuMicrosPerRequest: 40,
});
const http = (ask: number, search: number, askP99: number, rssAfterRunMB: number): HttpBenchResult => ({
  bare: row('bare Hono route', 20_000),
  barePost: row('bare Hono POST, 2 KB JSON', 12_000),
  service: [row('POST /v1/search', search), row('POST /v1/ask', ask, askP99)],
  serviceStartupMs: 900,
  rssAfterStartMB: 100,
  peakRssMB: 180,
  rssAfterRunMB: rssAfterRunMB + 90,
  rssSettledMB: rssAfterRunMB,
  rssAfterQuestionsMB: 110,
  bareRssAfterRunMB: 60,
});
const analyzer = (p50Ms: number): MicroResult => ({
  name: 'analyzer, 64 KiB',
  what: 'x',
  meanMs: p50Ms,
  p50Ms,
  p99Ms: p50Ms * 2,
  samples: 40,
});

describe('checkTargets', () => {
  it('holds each target at its bound and misses it just past', () => {
    const holding: BenchResults = { http: http(10_000, 12_000, 19, 149), micro: [analyzer(49)] };
    expect(checkTargets(holding).map((c) => c.holds)).toEqual([true, true, true, true, true]);
    const missing: BenchResults = { http: http(9_999, 11_999, 20, 150), micro: [analyzer(50)] };
    expect(checkTargets(missing).map((c) => c.holds)).toEqual([false, false, false, false, false]);
  });

  it('checks only what was measured', () => {
    expect(checkTargets({})).toEqual([]);
    const worker = checkTargets({
      workerBundle: {
        wranglerKiB: 3000,
        wranglerGzipKiB: 3 * 1024,
        files: [],
        indexAssets: [],
        totalBytes: 0,
        totalGzipBytes: 0,
        inputs: [],
        outDir: '',
        mainModule: 'worker.js',
      },
    });
    expect(worker).toEqual([expect.objectContaining({ target: 'Worker bundle < 3 MiB gzipped', holds: false })]);
  });
});

describe('renderReport', () => {
  it('writes the machine, the targets with their verdicts and every HTTP row', () => {
    const report = renderReport(
      { http: http(5_000, 15_000, 12, 120) },
      {
        machine: {
          cpuModel: 'Test CPU',
          cores: 2,
          memoryGiB: 4,
          node: 'v20.0.0',
          os: 'TestOS',
          loadAtStart: [0.1, 0.2, 0.3],
        },
        startedAt: new Date('2026-01-02T03:04:05Z'),
        load: { connections: 50, durationSeconds: 10, warmupSeconds: 3 },
        loadAtEnd: [0.4, 0.3, 0.3],
        microTimeMs: 2000,
        coldRuns: 5,
        workerRuns: 3,
      },
    );
    expect(report).toContain('| CPU | Test CPU, 2 cores |');
    expect(report).toContain('2026-01-02 03:04 UTC');
    expect(report).toMatch(
      /\| `POST \/v1\/ask` ≥ 50% of the bare route's requests\/s \| 25\.0% \(5000 vs 20000 req\/s\) \| ❌ \|/,
    );
    expect(report).toMatch(/\| `POST \/v1\/search` ≥ 60% of the bare route's requests\/s \| 75\.0% .* \| ✅ \|/);
    expect(report).toMatch(/\| POST \/v1\/ask \| 5,000 \| 25\.0% \|/);
    expect(report).toMatch(/\| bare Hono POST, 2 KB JSON \| 12,000 \| 60\.0% \|/);
    expect(report).toContain(
      "The bare server's POST (read a JSON body, send a constant 2 KB JSON, nothing else) reaches 60.0%",
    );
    expect(report).toMatch(/\| RSS after the question endpoints .* \| 110\.0 MB \|/);
    expect(report).not.toContain('## Micro-benchmarks');
  });
});
