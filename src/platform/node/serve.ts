import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { NodeConfig } from '../../config.js';
import type { Logger } from '../../logger.js';

/** How long and how many connections clients may hold (issue #19: slow bodies held sockets 300 s, with no cap). */
export interface ConnectionLimits {
  /** Longest a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Most open connections; the server closes more at once, so it never runs out of file descriptors. */
  readonly maxConnections: number;
  /** Most open connections from one client address; 0: no limit. */
  readonly maxConnectionsPerClient: number;
}

export interface ServeOptions {
  readonly fetch: (request: Request) => Response | Promise<Response>;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  readonly limits: ConnectionLimits;
  /** Work still running after its response (chat replies), awaited after the last request on shutdown. */
  readonly drain?: () => Promise<void>;
  /** Called once listening, with the real port (`PORT=0` picks one): the start-up banner. */
  readonly onListening?: (port: number) => void;
  /** Called as soon as a signal arrives, before in-flight requests are awaited (stop the analysis threads: waiting analyses end with 503). */
  readonly onSignal?: () => void;
}

/** How long shutdown may take before the remaining connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;
/** File descriptors kept for everything but client sockets: the index, the database, logs, threads. */
const RESERVED_FDS = 128;

/**
 * The connection limits of the config: `MAX_CONNECTIONS` defaults to the process's open-file limit
 * less a reserve (at most 10,000), and `MAX_CONNECTIONS_PER_CLIENT` to 64 when clients connect
 * directly, none behind a proxy (`TRUST_PROXY`), where every connection comes from the proxy.
 *
 * @example serveWithGracefulShutdown({ fetch: app.fetch, port, host, logger, limits: connectionLimits(config) })
 */
export function connectionLimits(config: NodeConfig): ConnectionLimits {
  return {
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: config.MAX_CONNECTIONS ?? Math.max(64, Math.min(10_000, openFileLimit() - RESERVED_FDS)),
    maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT ?? (config.TRUST_PROXY > 0 ? 0 : 64),
  };
}

/**
 * Serves over HTTP with the connection limits, and closes gracefully on SIGTERM/SIGINT: stop
 * accepting, close idle keep-alive connections, finish in-flight requests, then drain background
 * work; after 10 s the remaining connections are cut. Request handling never blocks this thread for
 * long (code analysis runs in worker threads), so a signal is acted on at once.
 */
export function serveWithGracefulShutdown(options: ServeOptions): Server {
  const { limits, logger } = options;
  const server = serve(
    {
      fetch: options.fetch,
      port: options.port,
      hostname: options.host,
      serverOptions: {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        // How often the two timeouts above are checked (Node's default, 30 s, let a slow body live 30 s past them).
        connectionsCheckingInterval: 1_000,
      },
    },
    (info) => {
      logger.info('listening', { url: `http://${options.host}:${info.port}`, maxConnections: limits.maxConnections });
      options.onListening?.(info.port);
    },
  ) as Server;
  server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerClient > 0) capConnectionsPerClient(server, limits.maxConnectionsPerClient, logger);

  let stopping = false;
  // Once stopping, every response closes its connection: a client on keep-alive cannot hold the
  // server open by sending one request after another.
  server.on('request', (_req, res) => {
    if (stopping) res.shouldKeepAlive = false;
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting_down', { signal });
    options.onSignal?.();
    server.close(() => void (options.drain?.() ?? Promise.resolve()).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return server;
}

/** Closes a client's connections beyond `cap` as they open, so one address cannot hold them all. */
function capConnectionsPerClient(server: Server, cap: number, logger: Logger): void {
  const open = new Map<string, number>();
  let refusals = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      // Logged once per 100, so a flood does not flood the log too.
      if (refusals++ % 100 === 0) logger.error('connection_refused', { reason: 'per-client cap', cap, refusals });
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** The soft limit on open files (`ulimit -n`), from /proc on Linux; 1,024 when it cannot be read. */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) && soft > 0 ? soft : 1_024;
  } catch {
    return 1_024;
  }
}

export interface ListeningServer {
  /** The address it was told to bind (`HOST`): `0.0.0.0`, `::`, `127.0.0.1`, a name… */
  readonly host: string;
  /** The port it listens on (the real one when `PORT=0`). */
  readonly port: number;
  /** Whether `/v1/*` and `/mcp` require a key (`API_KEYS` or `WIDGET_KEYS` set). */
  readonly keysRequired: boolean;
}

/** Addresses that mean "every interface": a browser cannot open them, and anyone on the network can reach them. */
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]', '::0']);

/** The routes a newcomer opens first, in the order they are printed. */
const ROUTES: readonly { label: string; path: string; note?: string }[] = [
  { label: 'Demo page and widget', path: '/' },
  { label: 'API reference', path: '/docs', note: 'OpenAPI at /openapi.json' },
  { label: 'Health', path: '/healthz' },
  { label: 'MCP endpoint', path: '/mcp', note: 'Streamable HTTP, POST' },
];

/**
 * The base URL a person can click: `localhost` for an any-address bind, brackets around IPv6.
 *
 * @example browsableUrl('0.0.0.0', 8787) // 'http://localhost:8787'
 */
export function browsableUrl(host: string, port: number): string {
  const name = ANY_ADDRESS.has(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Whether the server is open to the network with no key required. */
export function isOpenWithoutKeys(server: ListeningServer): boolean {
  return ANY_ADDRESS.has(server.host) && !server.keysRequired;
}

/**
 * What the Node server prints for people once it listens (the JSON `listening` line is for
 * machines): the URLs that matter, clickable, and a warning when anyone on the network can use it.
 *
 * @example process.stderr.write(startupBanner({ host: '0.0.0.0', port: 8787, keysRequired: false }))
 */
export function startupBanner(server: ListeningServer): string {
  const base = browsableUrl(server.host, server.port);
  const width = Math.max(...ROUTES.map((r) => r.label.length));
  const bound = ANY_ADDRESS.has(server.host)
    ? ` (bound to ${server.host}:${server.port}, every network interface)`
    : '';
  const lines = [
    '',
    `pymem-assistant is ready at ${base}${bound}`,
    '',
    ...ROUTES.map((r) => `  ${r.label.padEnd(width)}  ${base}${r.path}${r.note ? `  (${r.note})` : ''}`),
    '',
  ];
  if (isOpenWithoutKeys(server)) {
    lines.push(
      `Warning: no API_KEYS are set and the server listens on every interface, so anyone who can`,
      `reach this machine can use the API. For local use set HOST=127.0.0.1; to serve others set`,
      `API_KEYS (and WIDGET_KEYS for the widget).`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Announces a listening server: the banner on stderr for people (stdout keeps one JSON line per
 * event), and, when it is open without keys, an `open_without_keys` event for log pipelines.
 *
 * @example serveWithGracefulShutdown({ …, onListening: (port) => announceListening({ host, port, keysRequired }, logger) })
 */
export function announceListening(
  server: ListeningServer,
  logger: Logger,
  write: (text: string) => void = (text) => void process.stderr.write(text),
): void {
  if (isOpenWithoutKeys(server)) {
    logger.info('open_without_keys', {
      host: server.host,
      port: server.port,
      hint: 'set API_KEYS, or HOST=127.0.0.1 for local use',
    });
  }
  write(startupBanner(server));
}
