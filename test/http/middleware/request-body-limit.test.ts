import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestBodyLimit } from '../../../src/http/middleware/request-body-limit.js';

const MAX = 16;

function app() {
  const hono = new Hono();
  hono.use(requestBodyLimit({ maxSize: MAX, onError: (c) => c.text('too large', 413) }));
  hono.all('/', async (c) => c.text(`got ${(await c.req.text()).length}`));
  return hono;
}

/** A body that fails the request if anything reads it. */
function untouchableBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull() {
      throw new Error('the body was read');
    },
  });
}

/** A body of `n` bytes sent in 4-byte chunks, with no Content-Length. */
function chunked(n: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= n) {
        controller.close();
        return;
      }
      const size = Math.min(4, n - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

describe('requestBodyLimit', () => {
  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const res = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': String(MAX + 1) },
      body: untouchableBody(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('passes a body whose Content-Length is within the limit, readable by the route', async () => {
    const res = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': String(MAX) },
      body: 'x'.repeat(MAX),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`got ${MAX}`);
  });

  it('counts a body sent without Content-Length as it streams', async () => {
    const over = await app().request('/', { method: 'POST', body: chunked(MAX + 4), duplex: 'half' } as RequestInit);
    expect(over.status).toBe(413);
    const within = await app().request('/', { method: 'POST', body: chunked(MAX), duplex: 'half' } as RequestInit);
    expect(await within.text()).toBe(`got ${MAX}`);
  });

  it('lets GET and HEAD through', async () => {
    expect((await app().request('/')).status).toBe(200);
    expect((await app().request('/', { method: 'HEAD' })).status).toBe(200);
  });
});
