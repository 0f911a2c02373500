import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createPymemClient } from '../src/client.js';
import { silentLogger } from '../src/logger.js';
import { builtIndex } from './helpers/built-index.js';

const API_KEY = 'ak_live_0123456789abcdef';
let baseUrl: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  const app = createApp({ index: await builtIndex(), logger: silentLogger, apiKeys: [API_KEY] });
  baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
});
afterAll(() => server.close());

describe('typed client (hono/client over the running Node server)', () => {
  it('asks, with the answer typed from the route', async () => {
    const client = createPymemClient(baseUrl, { apiKey: API_KEY });
    const res = await client.v1.ask.$post({ json: { question: 'how do I build a big string efficiently?', k: 2 } });
    expect(res.status).toBe(200);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const answer = await res.json();
    expectTypeOf(answer.abstained).toEqualTypeOf<boolean>();
    expectTypeOf(answer.citations[0]!.source.lineStart).toEqualTypeOf<number>();
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.id).toBe('optimize-string-usage--string-concatenation');
  });

  it('searches and reads a tip by id', async () => {
    const client = createPymemClient(baseUrl, { apiKey: API_KEY });
    const search = await client.v1.search.$post({ json: { query: 'weakref.ref', k: 1 } });
    const { results } = await search.json();
    expectTypeOf(results[0]!.score).toEqualTypeOf<number>();
    const id = results[0]?.id ?? '';
    const tip = await client.v1.tips[':id'].$get({ param: { id } });
    expect(tip.status).toBe(200);
    expect(await tip.json()).toMatchObject({ id, title: 'Weak References' });
  });

  it('reaches public routes without a key, and gets a typed 401 problem without one where needed', async () => {
    const anonymous = createPymemClient(baseUrl);
    const health = await anonymous.healthz.$get();
    expect(await health.json()).toMatchObject({ status: 'ok', tips: (await builtIndex()).knowledge.tips.length });
    const refused = await anonymous.v1.tips.$get();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('keeps caller headers next to the key', async () => {
    const client = createPymemClient(baseUrl, { apiKey: API_KEY, headers: { 'x-request-id': 'client-test-1' } });
    const res = await client.v1.tips.$get();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('client-test-1');
  });

  it('builds URLs for the routes', () => {
    const client = createPymemClient('https://pymem.example');
    expect(client.v1.tips[':id'].$url({ param: { id: 'abc' } }).href).toBe('https://pymem.example/v1/tips/abc');
  });
});
