import autocannon from 'autocannon';

/** One endpoint under load: what is sent, in turn, on every connection. */
export interface LoadScenario {
  /** Row label in the report, e.g. `POST /v1/ask`. */
  readonly name: string;
  /** What the bodies are, for the report. */
  readonly workload: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON bodies sent in rotation (each connection walks the list); none for a GET. */
  readonly bodies?: readonly string[];
  /**
   * Makes every request's body unique by appending ` (n)` to its `field` (a counter over the whole
   * run), so that nothing the server remembers of earlier requests helps: the cache-miss case.
   */
  readonly uniqueField?: string;
  /**
   * The server may shed this load with 503 (`/v1/analyze`: its analysis queue has a time budget,
   * issue #19); such answers are counted (`shed`), not a failed run.
   */
  readonly mayShed?: boolean;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationSeconds: number;
  /** Same load, not counted, before the measured run (see `warmUp`). */
  readonly warmupSeconds: number;
}

export interface LoadResult {
  readonly scenario: LoadScenario;
  /** Mean of the per-second request counts of the measured run. */
  readonly requestsPerSecond: number;
  readonly totalRequests: number;
  /** Latency percentiles in ms (autocannon's histogram has 1 ms resolution below 10 ms: `1` means ≤ 1 ms). */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMeanMs: number;
  readonly latencyMaxMs: number;
  readonly bytesPerSecond: number;
  /** Connection errors, timeouts and non-2xx answers: any makes the run invalid. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /** 503 answers of a scenario that `mayShed`. */
  readonly shed: number;
}

/**
 * The scenario's load for `warmupSeconds`, not counted: the JIT, the server's caches and the
 * connections warm up. Requests still in the server's queue when it ends are its to finish;
 * `drainUrl` is fetched afterwards, so they do not spill into the measured run.
 *
 * @example await warmUp('http://127.0.0.1:8881', askScenario, options, 'http://127.0.0.1:8881/healthz');
 */
export async function warmUp(
  baseUrl: string,
  scenario: LoadScenario,
  options: LoadOptions,
  drainUrl: string,
): Promise<void> {
  if (options.warmupSeconds <= 0) return;
  await run(baseUrl, scenario, options.connections, options.warmupSeconds);
  await (await fetch(drainUrl)).arrayBuffer();
}

/**
 * Runs autocannon against one scenario for `durationSeconds`, or for `amount` requests when given.
 *
 * @example
 * const result = await loadTest('http://127.0.0.1:8881', askScenario, { connections: 50, durationSeconds: 10, warmupSeconds: 3 });
 * result.requestsPerSecond; // 4210.5
 */
export async function loadTest(
  baseUrl: string,
  scenario: LoadScenario,
  options: LoadOptions,
  amount?: number,
): Promise<LoadResult> {
  const result = await run(baseUrl, scenario, options.connections, options.durationSeconds, amount);
  return {
    scenario,
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMeanMs: result.latency.average,
    latencyMaxMs: result.latency.max,
    bytesPerSecond: result.throughput.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    shed: scenario.mayShed ? (result.statusCodeStats?.['503']?.count ?? 0) : 0,
  };
}

/**
 * The counter `uniqueField` appends: one for the whole process, so a measured run never repeats a
 * question its warm-up (or an earlier run) asked; each run used to count from 1 again, and its
 * first requests were the warm-up's, served from the server's caches.
 */
let uniqueCounter = 0;

/** `body` with its `field` made unique (see `LoadScenario.uniqueField`). */
export function uniqueBody(body: string, field: string): string {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, [field]: `${String(parsed[field])} (${++uniqueCounter})` });
}

function run(
  baseUrl: string,
  scenario: LoadScenario,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<autocannon.Result> {
  const headers = scenario.bodies ? { 'content-type': 'application/json' } : undefined;
  const unique = scenario.uniqueField;
  const setupRequest = unique
    ? (request: autocannon.Request) => ({ ...request, body: uniqueBody(String(request.body), unique) })
    : undefined;
  const requests = (scenario.bodies ?? [undefined]).map((body) => ({
    method: scenario.method,
    path: scenario.path,
    headers,
    body,
    // autocannon calls `setupRequest` whenever the key is present, even when undefined.
    ...(setupRequest ? { setupRequest } : {}),
  }));
  return autocannon({
    url: baseUrl,
    connections,
    // A number of requests instead of a time: every one is answered and counted, none left in flight.
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests,
    // A slow endpoint (64 KiB analysis under 50 connections) must still count as answered, not timed out.
    timeout: 30,
  });
}

/** Whether a run measured what it should: every request answered with a 2xx. */
export function loadProblems(result: LoadResult): string[] {
  const problems: string[] = [];
  if (result.totalRequests === 0) problems.push('no request completed');
  if (result.non2xx - result.shed > 0) problems.push(`${result.non2xx - result.shed} non-2xx responses`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  return problems;
}
