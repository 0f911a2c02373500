import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { Miniflare, NoOpLog } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { median } from './stats.js';

export interface WorkerStartupOptions {
  readonly rootDir: string;
  /** `wrangler deploy --dry-run --outdir` output of the service: the folder and its main module. */
  readonly service: BuiltWorker;
  /** The same for scripts/bench/workerd-index-probe.ts. */
  readonly probe: BuiltWorker;
  /** Fresh isolates (each a new workerd) to start. */
  readonly runs: number;
}

export interface BuiltWorker {
  readonly outDir: string;
  readonly mainModule: string;
}

export interface WorkerStartupResult {
  /** First `GET /healthz` of a fresh isolate: the app and its index are built on it. Median over runs, ms. */
  readonly firstRequestMs: number;
  /** Later `GET /healthz`s of the same isolate, median, ms. */
  readonly warmRequestMs: number;
  /** The probe's first `loadIndexFromAssets()` in each fresh isolate, median, ms. */
  readonly coldIndexLoadMs: number;
  /** Its later loads in the same isolate (JIT warm), median, ms. */
  readonly warmIndexLoadMs: number;
  readonly runs: number;
}

const WARM_REQUESTS = 20;

/**
 * Runs the built Worker in workerd (Miniflare, the runtime `wrangler dev` uses) and times its
 * start-up from the outside (first request vs later ones) and the index load from the inside (the
 * probe Worker).
 *
 * @example
 * const startup = await measureWorkerStartup({ rootDir, service: serviceBundle, probe: probeBundle, runs: 3 });
 */
export async function measureWorkerStartup(options: WorkerStartupOptions): Promise<WorkerStartupResult> {
  // wrangler's declarations of unstable_readConfig do not resolve under the root tsconfig, so its
  // result reads as an error type; the two fields are checked where they are used (workerd's options).
  /* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
  const config = unstable_readConfig({ config: join(options.rootDir, 'wrangler.toml') });
  const runtime = {
    compatibilityDate: config.compatibility_date ?? '2026-04-01',
    compatibilityFlags: config.compatibility_flags,
    // The static files, the index among them (`_index/`), behind the `ASSETS` binding as deployed.
    assets: {
      directory: join(options.rootDir, 'build', 'public'),
      binding: 'ASSETS',
      // What wrangler tells the asset router for a Worker with a script: run it when no file matches.
      routerConfig: { has_user_worker: true },
    },
  };
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
  const first: number[] = [];
  const warm: number[] = [];
  const coldLoads: number[] = [];
  const warmLoads: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    await withWorker(options.service, runtime, async (mf) => {
      first.push(await timeRequest(mf, 'http://localhost/healthz'));
      for (let i = 0; i < WARM_REQUESTS; i++) warm.push(await timeRequest(mf, 'http://localhost/healthz'));
    });
    await withWorker(options.probe, runtime, async (mf) => {
      const { loadsMs } = (await (await mf.dispatchFetch('http://localhost/')).json()) as { loadsMs: number[] };
      const [cold = Number.NaN, ...rest] = loadsMs;
      coldLoads.push(cold);
      warmLoads.push(...rest);
    });
  }
  return {
    firstRequestMs: median(first),
    warmRequestMs: median(warm),
    coldIndexLoadMs: median(coldLoads),
    warmIndexLoadMs: median(warmLoads),
    runs: options.runs,
  };
}

async function withWorker(
  worker: BuiltWorker,
  runtime: {
    compatibilityDate: string;
    compatibilityFlags: string[];
    assets: { directory: string; binding: string; routerConfig: { has_user_worker: boolean } };
  },
  body: (mf: Miniflare) => Promise<void>,
): Promise<void> {
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(worker.outDir, worker.mainModule),
    modulesRoot: worker.outDir,
    // The rules wrangler bundled the prompts and the facet-similarity kernel with.
    modulesRules: [
      { type: 'Text', include: ['**/*.md'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    ...runtime,
    bindings: { RATE_LIMIT_PER_MINUTE: '0' },
    // The service's request log lines would drown the report.
    log: new NoOpLog(),
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.resume();
      stderr.resume();
    },
  });
  try {
    await mf.ready;
    await body(mf);
  } finally {
    await mf.dispose();
  }
}

async function timeRequest(mf: Miniflare, url: string): Promise<number> {
  const started = performance.now();
  const response = await mf.dispatchFetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status} in workerd`);
  return performance.now() - started;
}
