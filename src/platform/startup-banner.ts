import type { Logger } from '../logger.js';

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
  const bound = ANY_ADDRESS.has(server.host) ? ` (bound to ${server.host}:${server.port}, every network interface)` : '';
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
export function announceListening(server: ListeningServer, logger: Logger, write: (text: string) => void = (text) => void process.stderr.write(text)): void {
  if (isOpenWithoutKeys(server)) {
    logger.info('open_without_keys', { host: server.host, port: server.port, hint: 'set API_KEYS, or HOST=127.0.0.1 for local use' });
  }
  write(startupBanner(server));
}
