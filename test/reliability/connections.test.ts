import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getFresh, quantile, report, startServer, type Server } from './support.js';

// Issue #19: slow-body connections were held for 300 s with no connection cap: with the default
// 1,024 file descriptors, 1,100 slow sockets shut out every request for 25 s.

const REQUEST_TIMEOUT_MS = 3_000;
const SERVER_FD_LIMIT = 1_024;
const SOCKETS = 1_100;

const servers: Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** This process's soft limit on open files: the slow sockets need their own descriptors here. */
function ownFdLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s{2,}/)[1]) || 1_024;
}
const fdsToSpare = ownFdLimit() >= SOCKETS + 1_000;
if (!fdsToSpare)
  process.stdout.write(
    `[reliability] slow-socket tests skipped: this process may open ${ownFdLimit()} files; run with ulimit -n 4096\n`,
  );

interface SlowSocket {
  readonly socket: net.Socket;
  /** ms after it connected when the server closed it; undefined while open (or never connected). */
  closedAfterMs?: number;
}

/** Opens `n` connections that send complete headers announcing a 100 KB body, then a byte every second. */
function openSlowSockets(port: number, n: number, addressOf: (i: number) => string): SlowSocket[] {
  const opened: SlowSocket[] = [];
  for (let i = 0; i < n; i++) {
    let connectedAt = Date.now();
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: addressOf(i) });
    const slow: SlowSocket = { socket };
    socket.on('connect', () => {
      connectedAt = Date.now();
      socket.write(
        'POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"q',
      );
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      slow.closedAfterMs = Date.now() - connectedAt;
    });
    sockets.push(socket);
    opened.push(slow);
  }
  const trickle = setInterval(() => {
    for (const { socket } of opened) if (!socket.destroyed && socket.writable) socket.write('x');
  }, 1_000);
  trickle.unref();
  return opened;
}

/** `/healthz` on a new connection every 100 ms for `ms`, from 127.0.0.1: the statuses and latencies. */
async function probe(url: string, ms: number) {
  const results: { status: number | string; ms: number; at: number }[] = [];
  const started = Date.now();
  while (Date.now() - started < ms) {
    const t = performance.now();
    const status = await getFresh(url, '/healthz', '127.0.0.1', 2_000);
    results.push({ status, ms: performance.now() - t, at: Date.now() - started });
    await new Promise((r) => setTimeout(r, 100));
  }
  return results;
}

describe.skipIf(!fdsToSpare)('slow-body sockets (server limited to 1,024 open files)', () => {
  const env = { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), HEADERS_TIMEOUT_MS: '2000' };

  it('from one address: capped at 64, the rest closed at once; /healthz unaffected; the held ones closed at the request timeout', async () => {
    const server = await startServer(env, { fdLimit: SERVER_FD_LIMIT });
    servers.push(server);
    const slow = openSlowSockets(server.port, SOCKETS, () => '127.0.0.2');
    const health = await probe(server.url, REQUEST_TIMEOUT_MS + 3_000);
    const refusedAtOnce = slow.filter((s) => (s.closedAfterMs ?? Infinity) < 1_000).length;
    const closedByTimeout = slow.filter((s) => s.closedAfterMs !== undefined && s.closedAfterMs >= 1_000);
    const figures = {
      sockets: SOCKETS,
      refusedAtOnce,
      heldThenClosed: closedByTimeout.length,
      stillOpen: slow.filter((s) => s.closedAfterMs === undefined).length,
      heldMsMax: Math.max(...closedByTimeout.map((s) => s.closedAfterMs ?? 0)),
      healthzOk: health.filter((h) => h.status === 200).length,
      healthzFailed: health.filter((h) => h.status !== 200).length,
      healthzP99Ms: +quantile(
        health.map((h) => h.ms),
        0.99,
      ).toFixed(1),
    };
    report('1,100 slow sockets from one address', figures);
    expect(figures.refusedAtOnce).toBeGreaterThanOrEqual(SOCKETS - 64);
    expect(figures.stillOpen).toBe(0);
    expect(figures.heldMsMax).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
    expect(figures.healthzFailed).toBe(0);
  });

  it('from many addresses: the server stays under its file limit, and is reachable again within the request timeout', async () => {
    const server = await startServer(env, { fdLimit: SERVER_FD_LIMIT });
    servers.push(server);
    const slow = openSlowSockets(server.port, SOCKETS, (i) => `127.0.1.${1 + (i % 50)}`);
    const health = await probe(server.url, REQUEST_TIMEOUT_MS + 4_000);
    const lastFailure = Math.max(0, ...health.filter((h) => h.status !== 200).map((h) => h.at));
    const figures = {
      sockets: SOCKETS,
      refusedAtOnce: slow.filter((s) => (s.closedAfterMs ?? Infinity) < 1_000).length,
      stillOpen: slow.filter((s) => s.closedAfterMs === undefined).length,
      healthzOk: health.filter((h) => h.status === 200).length,
      healthzFailed: health.filter((h) => h.status !== 200).length,
      shutOutForMs: lastFailure,
      tooManyOpenFiles: server.logs.some((l) => /EMFILE|too many open files/i.test(l)),
    };
    report('1,100 slow sockets from 50 addresses', figures);
    expect(figures.tooManyOpenFiles).toBe(false);
    expect(figures.stillOpen).toBe(0);
    expect(figures.shutOutForMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
    expect(health.at(-1)?.status).toBe(200);
  });
});
