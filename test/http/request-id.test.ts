import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { builtIndex } from '../helpers/built-index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const servers: ReturnType<typeof serve>[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function listen(app: ReturnType<typeof createApp>): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

describe('request id', () => {
  it('names each response with a new UUID, or echoes a plain client id', async () => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger });
    const a = (await app.request('/healthz')).headers.get('x-request-id');
    const b = (await app.request('/healthz')).headers.get('x-request-id');
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
    expect(
      (await app.request('/healthz', { headers: { 'x-request-id': 'trace-42=a' } })).headers.get('x-request-id'),
    ).toBe('trace-42=a');
    for (const bad of ['has space', 'x'.repeat(256), 'semi;colon']) {
      expect((await app.request('/healthz', { headers: { 'x-request-id': bad } })).headers.get('x-request-id')).toMatch(
        UUID,
      );
    }
  });

  it('on a Node server, is set on the socket response for every kind of response', async () => {
    const url = await listen(createApp({ index: await builtIndex(), logger: silentLogger }));
    const responses = await Promise.all([
      fetch(`${url}/healthz`),
      fetch(`${url}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'gc?' }),
      }),
      fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      fetch(`${url}/nope`),
      fetch(`${url}/v1/ask/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'gc?' }),
      }),
      fetch(`${url}/healthz`, { headers: { 'x-request-id': 'mine-1' } }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 400, 404, 200, 200]);
    for (const res of responses.slice(0, 5)) expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(responses[5]?.headers.get('x-request-id')).toBe('mine-1');
    expect(responses[4]?.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const problem = (await responses[2]?.json()) as { requestId?: string };
    expect(problem.requestId).toBe(responses[2]?.headers.get('x-request-id'));
    await Promise.all(responses.filter((r) => !r.bodyUsed).map((r) => r.text()));
  });
});
