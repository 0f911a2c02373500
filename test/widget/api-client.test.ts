import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { silentLogger } from '../../src/logger.js';
import { readMigrations } from '../../src/platform/node/feedback-store.js';
import { createApiClient, type StreamHandlers } from '../../widget/src/api-client.js';
import { ApiError } from '../../widget/src/api-error.js';
import { builtIndex } from '../helpers/built-index.js';

// The widget's client against the real service over real HTTP, and against small stub servers
// for what the service does not do on demand (rate limits, broken streams).
const store = SqliteFeedbackStore.open(':memory:', await readMigrations());
const app = createApp({ index: await builtIndex(), logger: silentLogger, feedback: store });
const service: ServerType = await new Promise((resolve) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
});
const base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;

async function stub(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const stubs: Server[] = [];
afterAll(() => {
  service.close();
  for (const s of stubs) s.close();
});

function collect() {
  const seen = {
    citations: [] as unknown[],
    deltas: [] as string[],
    done: undefined as { answerId: string; answer: string } | undefined,
  };
  const handlers: StreamHandlers = {
    onCitations: (c) => seen.citations.push(...c),
    onDelta: (t) => seen.deltas.push(t),
    onDone: (a) => (seen.done = a),
  };
  return { seen, handlers };
}

describe('createApiClient against the service', () => {
  it('streams an answer, fetches a cited tip and sends feedback on it', async () => {
    const api = createApiClient({ base: `${base}/` });
    const { seen, handlers } = collect();
    await api.askStream({ question: 'what is a weak reference?' }, handlers);
    expect(seen.citations.length).toBeGreaterThan(0);
    expect(seen.deltas.length).toBeGreaterThan(3);
    expect(seen.deltas.join('')).toBe(seen.done?.answer);

    const tip = await api.tip('avoid-memory-leaks--weak-references');
    expect(tip).toMatchObject({
      title: 'Weak References',
      examples: expect.arrayContaining([expect.objectContaining({ language: 'python' })]),
    });

    await api.feedback({ answerId: seen.done!.answerId, helpful: true });
    expect((await store.summary({ limit: 5 })).totals).toMatchObject({ feedback: 1, helpful: 1 });
  });

  it('rejects with the problem the service sent', async () => {
    const api = createApiClient({ base });
    const error = await api.askStream({ question: 'x'.repeat(2001) }, collect().handlers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'problem',
      message: 'question: question must be at most 2000 characters',
      details: { status: 400 },
    });
    await expect(api.tip('no-such-tip')).rejects.toMatchObject({ kind: 'problem', details: { status: 404 } });
    await expect(api.feedback({ answerId: crypto.randomUUID(), helpful: false })).rejects.toMatchObject({
      details: { status: 404 },
    });
  });

  it('stops when asked to', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createApiClient({ base }).askStream({ question: 'gc' }, collect().handlers, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createApiClient when things go wrong', () => {
  it('reports a network failure when nothing listens', async () => {
    const closed = await stub(() => {});
    closed.server.close();
    const error = await createApiClient({ base: closed.base })
      .askStream({ question: 'gc' }, collect().handlers)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network' });
  });

  it('reports a 429 with its Retry-After', async () => {
    const limited = await stub((_req, res) => {
      res
        .writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '17' })
        .end('{"status":429,"detail":"Slow down."}');
    });
    stubs.push(limited.server);
    const error = await createApiClient({ base: limited.base })
      .askStream({ question: 'gc' }, collect().handlers)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate-limited', details: { retryAfter: 17 } });
  });

  it('reports a stream that ends before done, keeping what arrived', async () => {
    const broken = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: citations\ndata: {"citations":[]}\n\nevent: delta\ndata: {"text":"Partial "}\n\n');
      setTimeout(() => res.destroy(), 20);
    });
    stubs.push(broken.server);
    const { seen, handlers } = collect();
    const error = await createApiClient({ base: broken.base })
      .askStream({ question: 'gc' }, handlers)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'interrupted' });
    expect(seen.deltas).toEqual(['Partial ']);
  });

  it('reports an error event with the problem it carries', async () => {
    const failing = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        'event: citations\ndata: {"citations":[]}\n\nevent: error\ndata: {"status":500,"detail":"The answer could not be completed.","requestId":"r-9"}\n\n',
      );
    });
    stubs.push(failing.server);
    const error = await createApiClient({ base: failing.base })
      .askStream({ question: 'gc' }, collect().handlers)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'problem',
      message: 'The answer could not be completed.',
      details: { status: 500, problem: { requestId: 'r-9' } },
    });
  });

  it('sends the widget key as a bearer token', async () => {
    let authorization: string | undefined;
    const keyed = await stub((req, res) => {
      authorization = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    stubs.push(keyed.server);
    await createApiClient({ base: keyed.base, key: 'pk_widget_0123456789abcdef' }).tip('x');
    expect(authorization).toBe('Bearer pk_widget_0123456789abcdef');
  });
});
