import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stub received, body parsed as JSON when it is JSON. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface StubReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** Decides the reply to one request; the default answers like Slack's and Discord's APIs do. */
export type StubHandler = (request: RecordedRequest) => StubReply;

/**
 * A real HTTP server on 127.0.0.1 standing in for slack.com and discord.com: records every
 * request and answers with `handler`. Tests point `SLACK_API_BASE_URL` / `DISCORD_API_BASE_URL`
 * (and slash commands' `response_url`) at `url`.
 */
export interface PlatformStub {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces the reply policy (e.g. a 429, then success). */
  reply(handler: StubHandler): void;
  close(): Promise<void>;
}

const defaultHandler: StubHandler = ({ path }) =>
  path.startsWith('/chat.') ? { body: { ok: true, ts: '1700000000.000200' } } : { body: { id: '1' } };

export async function startPlatformStub(): Promise<PlatformStub> {
  const requests: RecordedRequest[] = [];
  let handler = defaultHandler;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: parse(text) };
      requests.push(recorded);
      const reply = handler(recorded);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (next) => {
      handler = next;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
