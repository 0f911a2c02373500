import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Server {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the server wrote, one line each (JSON lines, or a start-up error). */
  readonly logs: string[];
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string | null>;
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export interface StartOptions {
  /** The server's soft limit on open files (`ulimit -n`), as on a default Linux install. */
  readonly fdLimit?: number;
  /** Resolve with the exit instead of throwing when the server does not start. */
  readonly expectFailure?: boolean;
}

/**
 * The built Node server (`node dist/src/node.js`, what `npm start` runs) on a free port of
 * 127.0.0.1, with no rate limit unless `env` sets one; resolves once it logs `listening`.
 */
export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<Server> {
  const node = process.execPath;
  const command = options.fdLimit ? '/bin/sh' : node;
  const args = options.fdLimit
    ? ['-c', `ulimit -n ${options.fdLimit} && exec "${node}" dist/src/node.js`]
    : ['dist/src/node.js'];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
      FEEDBACK_DB: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${logs.join('\n')}`)), 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      if (options.expectFailure) resolve(undefined);
      else reject(new Error(`server exited:\n${logs.join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        logs.push(line);
        const event = parseLine(line);
        if (event?.event === 'listening' && typeof event.url === 'string') {
          clearTimeout(timer);
          resolve(event.url);
        }
      });
    }
  });
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  if (url === undefined) return { url: '', port: 0, process: child, logs, exited, stop };
  return { url, port: Number(new URL(url).port), process: child, logs, exited, stop };
}

export function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A POST of JSON; resolves with the status, headers and parsed body (never throws on a status). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json as Record<string, unknown> };
}

/** `GET path` on a new connection each time (no keep-alive), from `localAddress`; the status, or the error code. */
export function getFresh(
  url: string,
  path = '/healthz',
  localAddress = '127.0.0.1',
  timeoutMs = 5_000,
): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(`${url}${path}`, { agent: false, localAddress, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

/** The value at quantile `q` (0–1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export const isRoot = process.getuid?.() === 0;

/** A tmpfs of `sizeKiB` mounted on a fresh folder (root only); `unmount()` removes it. */
export function mountTmpfs(sizeKiB: number): { readonly dir: string; remount(options: string): void; unmount(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir]);
  return {
    dir,
    remount: (options) => execFileSync('mount', ['-o', `remount,${options}`, dir]),
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A figure the suite measured, printed in one line for the CI log and BENCHMARKS.md. */
export function report(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`[reliability] ${name}: ${JSON.stringify(figures)}\n`);
}
