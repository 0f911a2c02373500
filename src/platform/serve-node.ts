import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from '../logger.js';

export interface ServeOptions {
  readonly fetch: (request: Request) => Response | Promise<Response>;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** Work still running after its response (chat replies), awaited after the last request on shutdown. */
  readonly drain?: () => Promise<void>;
  /** Called once listening, with the real port (`PORT=0` picks one): the start-up banner. */
  readonly onListening?: (port: number) => void;
}

/**
 * Serves over HTTP and closes gracefully on SIGTERM/SIGINT: stop accepting, finish in-flight
 * requests, then drain background work; at most 10 s in all.
 */
export function serveWithGracefulShutdown(options: ServeOptions): ServerType {
  const server = serve({ fetch: options.fetch, port: options.port, hostname: options.host }, (info) => {
    options.logger.info('listening', { url: `http://${options.host}:${info.port}` });
    options.onListening?.(info.port);
  });
  const shutdown = (signal: string) => {
    options.logger.info('shutting_down', { signal });
    server.close(() => void (options.drain?.() ?? Promise.resolve()).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return server;
}
