import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadProblems, loadTest, warmUp, type LoadOptions, type LoadResult, type LoadScenario } from './http-load.js';
import { BARE_POST_SCENARIO, BARE_SCENARIO, serviceScenarios } from './http-scenarios.js';
import { loadAverage } from './machine.js';
import { sampleMemory, startServer, type ServerProcess } from './server-process.js';

export interface HttpBenchOptions extends LoadOptions {
  readonly rootDir: string;
  /** Scratch folder: server logs, the feedback database. */
  readonly workDir: string;
  readonly barePort: number;
  readonly servicePort: number;
  /** Called before each scenario, for progress output. */
  readonly onScenario?: (scenario: LoadScenario) => void;
}

export interface ScenarioResult extends LoadResult {
  /** 1-minute load average just before the scenario ran. */
  readonly loadBefore: number;
  /**
   * The server's CPU time (user + system) per answered request over the measured run, in µs:
   * what a request costs the server, and less sensitive than req/s to other load on the machine.
   */
  readonly serverCpuMicrosPerRequest: number;
}

export interface HttpBenchResult {
  readonly bare: ScenarioResult;
  /** The bare server's POST with a 2 KB response (a reference row, not a target). */
  readonly barePost: ScenarioResult;
  readonly service: readonly ScenarioResult[];
  /** The service process: spawn to first 200 on /healthz (module loading, index load, app build). */
  readonly serviceStartupMs: number;
  readonly rssAfterStartMB: number;
  /** Highest VmRSS sampled while under load, and the kernel's VmHWM at the end. */
  readonly peakRssMB: number;
  /** VmRSS once the last scenario finished and the server sat idle for a second. */
  readonly rssAfterRunMB: number;
  /**
   * VmRSS after 45 idle seconds: the analysis thread has exited (5 s idle) and V8's memory
   * reducer has shrunk the heaps the load grew (it waits for the allocation rate to drop).
   */
  readonly rssSettledMB: number;
  /** VmRSS, idle for a second, after the question endpoints and before the analyzer scenarios. */
  readonly rssAfterQuestionsMB: number;
  readonly bareRssAfterRunMB: number;
}

const HOST = '127.0.0.1';

/**
 * The production Node server (`node dist/src/node.js`, rate limiting off) and a bare Hono server,
 * each loaded in turn with autocannon on loopback.
 *
 * @example
 * const result = await runHttpBench({ rootDir, workDir, barePort: 8880, servicePort: 8881, connections: 50, durationSeconds: 10, warmupSeconds: 3 });
 */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const bareServer = await startServer({
    args: ['--import', 'tsx', 'scripts/bench/bare-server.ts'],
    env: baseEnv({ PORT: String(options.barePort), HOST }),
    cwd: options.rootDir,
    baseUrl: `http://${HOST}:${options.barePort}`,
    readyPath: '/',
    logFile: join(options.workDir, 'bare-server.log'),
  });
  let bare: ScenarioResult;
  let barePost: ScenarioResult;
  let bareRssAfterRunMB: number;
  try {
    bare = await measure(bareServer, BARE_SCENARIO, options, '/');
    bareRssAfterRunMB = bareServer.memory().rssMB;
    barePost = await measure(bareServer, BARE_POST_SCENARIO, options, '/');
  } finally {
    await bareServer.stop();
  }

  const server = await startServer({
    args: ['dist/src/node.js'],
    env: baseEnv({
      PORT: String(options.servicePort),
      HOST,
      RATE_LIMIT_PER_MINUTE: '0',
      FEEDBACK_DB: join(options.workDir, 'feedback.sqlite'),
    }),
    cwd: options.rootDir,
    baseUrl: `http://${HOST}:${options.servicePort}`,
    readyPath: '/healthz',
    logFile: join(options.workDir, 'server.log'),
  });
  try {
    const rssAfterStartMB = server.memory().rssMB;
    const sampler = sampleMemory(server.pid);
    const service: ScenarioResult[] = [];
    let rssAfterQuestionsMB = 0;
    for (const scenario of serviceScenarios()) {
      if (scenario.path === '/v1/analyze' && rssAfterQuestionsMB === 0) {
        await sleep(1000);
        rssAfterQuestionsMB = server.memory().rssMB;
      }
      service.push(await measure(server, scenario, options, '/healthz'));
    }
    const sampledPeak = sampler.stop();
    await sleep(1000);
    const after = server.memory();
    await sleep(44_000);
    const settled = server.memory();
    return {
      bare,
      barePost,
      service,
      serviceStartupMs: server.startupMs,
      rssAfterStartMB,
      peakRssMB: Math.max(sampledPeak, after.peakRssMB),
      rssAfterRunMB: after.rssMB,
      rssSettledMB: settled.rssMB,
      rssAfterQuestionsMB,
      bareRssAfterRunMB,
    };
  } finally {
    await server.stop();
  }
}

async function measure(
  server: ServerProcess,
  scenario: LoadScenario,
  options: HttpBenchOptions,
  drainPath: string,
): Promise<ScenarioResult> {
  options.onScenario?.(scenario);
  await warmUp(server.baseUrl, scenario, options, `${server.baseUrl}${drainPath}`);
  const loadBefore = loadAverage()[0];
  const cpuBefore = server.cpuMs();
  const result = await loadTest(server.baseUrl, scenario, options);
  const cpuMs = server.cpuMs() - cpuBefore;
  const problems = loadProblems(result);
  if (problems.length > 0)
    throw new Error(`${scenario.name}: ${problems.join(', ')} (see the server log in ${options.workDir})`);
  return { ...result, loadBefore, serverCpuMicrosPerRequest: (cpuMs * 1000) / result.totalRequests };
}

/**
 * A clean environment: the caller's LLM, embedder, key or rate-limit settings must not change
 * what is measured, so only the basics are passed on.
 */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG, TZ } = process.env;
  return { PATH, HOME, LANG, TZ, NODE_ENV: 'production', ...extra };
}
