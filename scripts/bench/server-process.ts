import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartServerOptions {
  /** `node` and its arguments. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The server's base URL; `readyPath` is polled on it until it answers 200. */
  readonly baseUrl: string;
  readonly readyPath: string;
  /** stdout and stderr go here (the request log of a 10 s run is large; a pipe would slow the server). */
  readonly logFile: string;
  readonly readyTimeoutMs?: number;
}

/** Resident memory of a process, from /proc/<pid>/status, in MB (10^6 bytes). */
export interface MemorySample {
  /** VmRSS: resident now. */
  readonly rssMB: number;
  /** VmHWM: the kernel's high-water mark of VmRSS over the process's life. */
  readonly peakRssMB: number;
}

/** A server child process, its start-up time and its memory. */
export interface ServerProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** From spawn to the first 200 on the readiness path. */
  readonly startupMs: number;
  memory(): MemorySample;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  /** Stops it with SIGTERM (its graceful shutdown), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns a server and waits until it answers.
 *
 * @example
 * const server = await startServer({ args: ['dist/src/node.js'], env, cwd, baseUrl: 'http://127.0.0.1:8881', readyPath: '/healthz', logFile });
 * server.memory(); // { rssMB: 96.4, peakRssMB: 101.2 }
 * await server.stop();
 */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const log = openSync(options.logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitUntilReady(child, exited, `${options.baseUrl}${options.readyPath}`, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}; see ${options.logFile}`, { cause: error });
  }
  const startupMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  return {
    pid,
    baseUrl: options.baseUrl,
    startupMs,
    memory: () => readMemory(pid),
    cpuMs: () => readCpuMs(pid),
    async stop(graceMs = 12_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  exited: Promise<number | null>,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (performance.now() < deadline) {
    if (gone) throw new Error(`the server exited with code ${String(child.exitCode)} before answering ${url}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

/** VmRSS and VmHWM of `pid` (Linux). */
export function readMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  // The kernel's "kB" are KiB.
  const megabytes = (field: string) =>
    (Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024) / 1e6;
  return { rssMB: megabytes('VmRSS'), peakRssMB: megabytes('VmHWM') };
}

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of `pid` (Linux), in ms. */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesized command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
}

/**
 * Samples a process's VmRSS every `intervalMs` and keeps the highest seen (VmHWM says the same
 * from the kernel; sampling shows it was reached under load, not at start-up).
 *
 * @example
 * const sampler = sampleMemory(server.pid); … ; const peak = sampler.stop();
 */
export function sampleMemory(pid: number, intervalMs = 100): { stop(): number } {
  let peak = 0;
  const take = () => {
    try {
      peak = Math.max(peak, readMemory(pid).rssMB);
    } catch {
      // the process is gone
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
