import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SlowLink {
  /** `http://127.0.0.1:<port>`: the target, reached through the slow link. */
  readonly url: string;
  close(): Promise<void>;
}

export interface SlowLinkOptions {
  /** Largest piece sent towards the browser at a time. */
  readonly chunkBytes: number;
  /** Pause between pieces. */
  readonly intervalMs: number;
}

/**
 * A TCP relay to `target` that passes the server's bytes to the client a few hundred at a time,
 * like a slow network: what the server streams then reaches the browser in many reads, as it
 * would from far away. Requests go through unchanged.
 */
export async function startSlowLink(target: string, options: SlowLinkOptions): Promise<SlowLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    let queue: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let upstreamEnded = false;
    const pump = () => {
      const next = queue.shift();
      if (next) {
        if (next.length > options.chunkBytes) queue.unshift(next.subarray(options.chunkBytes));
        client.write(next.subarray(0, options.chunkBytes));
        timer = setTimeout(pump, options.intervalMs);
      } else {
        timer = undefined;
        if (upstreamEnded) client.end();
      }
    };
    upstream.on('data', (data: Buffer) => {
      queue.push(data);
      timer ??= setTimeout(pump, options.intervalMs);
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      if (!timer) client.end();
    });
    const drop = () => {
      queue = [];
      if (timer) clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
