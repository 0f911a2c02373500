import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPages {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves test/e2e/pages/*.html on a free port of 127.0.0.1: pages of "another site" that embed
 * the widget with its one script tag. `{{NAME}}` placeholders are filled from `values` on each
 * request (the service URLs are only known once the servers run). No CSP: a page that would
 * run injected markup has to be able to.
 */
export async function serveHostPages(values: () => Record<string, string>): Promise<HostPages> {
  const server: Server = createServer((req, res) => {
    const name = /^\/([a-z-]+)\.html$/.exec(req.url ?? '')?.[1];
    if (!name) {
      res.writeHead(404).end();
      return;
    }
    readFile(new URL(`../pages/${name}.html`, import.meta.url), 'utf8').then(
      (template) => {
        const page = template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => values()[key] ?? '');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
