import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';
import { forwardedClientAddress, headerClientAddress } from '../../src/http/middleware/rate-limit.js';
import { silentLogger } from '../../src/logger.js';
import { nodeOperatorDeps } from '../../src/platform/node/deps.js';
import { parseNodeConfig } from '../../src/config.js';
import { createTokenBucketLimiter } from '../../src/http/rate-limiter.js';
import { builtIndex } from '../helpers/built-index.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token bucket', () => {
  it('allows a burst, refuses the next, and refills at the sustained rate', async () => {
    const clock = fakeClock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 3, clock: clock.now });
    const first = await limiter.consume('a');
    expect(first).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 1 });
    await limiter.consume('a');
    expect(await limiter.consume('a')).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 3 });
    expect(await limiter.consume('a')).toEqual({
      allowed: false,
      limit: 3,
      remaining: 0,
      resetSeconds: 3,
      retryAfterSeconds: 1,
    });

    clock.advance(999);
    expect((await limiter.consume('a')).allowed).toBe(false);
    clock.advance(1);
    expect(await limiter.consume('a')).toMatchObject({ allowed: true, remaining: 0 });
    clock.advance(60_000);
    expect(await limiter.consume('a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps a bucket per key', async () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, clock: fakeClock().now });
    expect((await limiter.consume('a')).allowed).toBe(true);
    expect(await limiter.consume('a')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect((await limiter.consume('b')).allowed).toBe(true);
  });

  it('forgets the least recently used keys beyond maxKeys (memory stays bounded)', async () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, clock: fakeClock().now, maxKeys: 2 });
    await limiter.consume('a');
    await limiter.consume('b');
    await limiter.consume('c'); // evicts a
    expect((await limiter.consume('a')).allowed).toBe(true);
    expect((await limiter.consume('c')).allowed).toBe(false);
  });

  it('rejects nonsense settings', () => {
    expect(() => createTokenBucketLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});

describe('client address', () => {
  const probe = (resolver: ReturnType<typeof headerClientAddress>) =>
    new Hono().get('/', (c) => c.text(resolver(c) ?? '(none)'));
  const socket = () => '10.0.0.5';

  it('uses the socket address unless proxies are trusted', async () => {
    const app = probe(forwardedClientAddress(0, socket));
    expect(await (await app.request('/', { headers: { 'x-forwarded-for': '1.2.3.4' } })).text()).toBe('10.0.0.5');
  });

  it('behind N trusted proxies takes the Nth address from the right, never a client-sent one', async () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' };
    expect(await (await probe(forwardedClientAddress(1, socket)).request('/', { headers: spoofed })).text()).toBe(
      '10.0.0.2',
    );
    expect(await (await probe(forwardedClientAddress(2, socket)).request('/', { headers: spoofed })).text()).toBe(
      '203.0.113.7',
    );
    expect(await (await probe(forwardedClientAddress(1, socket)).request('/')).text()).toBe('10.0.0.5');
  });

  it('reads CF-Connecting-IP on Workers', async () => {
    const app = probe(headerClientAddress('cf-connecting-ip'));
    expect(await (await app.request('/', { headers: { 'cf-connecting-ip': '198.51.100.9' } })).text()).toBe(
      '198.51.100.9',
    );
    expect(await (await app.request('/')).text()).toBe('(none)');
  });
});

describe('rate limit middleware', () => {
  const API_KEY = 'ak_live_0123456789abcdef';

  async function limitedApp(clock: ReturnType<typeof fakeClock>, deps: Partial<AppDeps> = {}) {
    return createApp({
      index: await builtIndex(),
      logger: silentLogger,
      rateLimiter: createTokenBucketLimiter({ perMinute: 2, clock: clock.now }),
      clientAddress: (c) => c.req.header('x-test-ip'),
      ...deps,
    });
  }
  const from = (ip: string, headers: Record<string, string> = {}) => ({ headers: { 'x-test-ip': ip, ...headers } });

  it('answers 429 problem+json with Retry-After and RateLimit-* once the limit is reached, and recovers', async () => {
    const clock = fakeClock();
    const app = await limitedApp(clock);
    const ok = await app.request('/v1/tips', from('203.0.113.7'));
    expect(ok.status).toBe(200);
    expect(Object.fromEntries([...ok.headers].filter(([k]) => k.startsWith('ratelimit-')))).toEqual({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '30',
    });
    expect((await app.request('/v1/tips', from('203.0.113.7'))).headers.get('ratelimit-remaining')).toBe('0');

    const refused = await app.request('/v1/tips', from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.headers.get('ratelimit-limit')).toBe('2');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toBe('60');
    expect(await refused.json()).toMatchObject({
      type: 'urn:pymem:problem:rate-limited',
      status: 429,
      detail: expect.stringMatching(/retry in 30 s/),
      requestId: refused.headers.get('x-request-id'),
    });

    clock.advance(29_000);
    expect((await app.request('/v1/tips', from('203.0.113.7'))).status).toBe(429);
    clock.advance(1_000);
    const recovered = await app.request('/v1/tips', from('203.0.113.7'));
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('counts per client address, and per key when one is sent', async () => {
    const app = await limitedApp(fakeClock(), { apiKeys: [API_KEY] });
    const withKey = (ip: string) => from(ip, { authorization: `Bearer ${API_KEY}` });
    expect((await app.request('/v1/tips', withKey('1.1.1.1'))).status).toBe(200);
    expect((await app.request('/v1/tips', withKey('2.2.2.2'))).status).toBe(200);
    expect((await app.request('/v1/tips', withKey('3.3.3.3'))).status).toBe(429);
  });

  it('limits /mcp too, but not /healthz, /docs or /openapi.json', async () => {
    const app = await limitedApp(fakeClock());
    for (let i = 0; i < 5; i++) expect((await app.request('/healthz', from('9.9.9.9'))).status).toBe(200);
    expect((await app.request('/openapi.json', from('9.9.9.9'))).headers.get('ratelimit-limit')).toBeNull();
    const mcp = () => app.request('/mcp', { method: 'POST', ...from('9.9.9.9') });
    expect((await mcp()).status).not.toBe(429);
    expect((await mcp()).status).not.toBe(429);
    expect((await mcp()).status).toBe(429);
  });

  it('does not count requests refused by auth', async () => {
    const app = await limitedApp(fakeClock(), { apiKeys: [API_KEY] });
    for (let i = 0; i < 4; i++) expect((await app.request('/v1/tips', from('4.4.4.4'))).status).toBe(401);
    expect((await app.request('/v1/tips', from('4.4.4.4', { authorization: `Bearer ${API_KEY}` }))).status).toBe(200);
  });
});

describe('rate limit on the real Node server (socket address)', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('limits by the socket address from RATE_LIMIT_PER_MINUTE', async () => {
    const config = parseNodeConfig({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_BURST: '2' });
    const app = createApp({ index: await builtIndex(), logger: silentLogger, ...nodeOperatorDeps(config) });
    const { server, url } = await new Promise<{ server: ReturnType<typeof serve>; url: string }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ server: s, url: `http://127.0.0.1:${info.port}` }),
      );
    });
    servers.push(server);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/v1/tips`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await fetch(`${url}/v1/tips`);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused.headers.get('ratelimit-limit')).toBe('2');
  });
});

describe('rate limit configuration', () => {
  it('is 60 a minute by default on Node (issue #19), 0 turns it off, and reads TRUST_PROXY as a hop count', () => {
    expect(parseNodeConfig({})).toMatchObject({ RATE_LIMIT_PER_MINUTE: 60, TRUST_PROXY: 0 });
    expect(parseNodeConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(parseNodeConfig({ TRUST_PROXY: '2', RATE_LIMIT_PER_MINUTE: '120' })).toMatchObject({
      TRUST_PROXY: 2,
      RATE_LIMIT_PER_MINUTE: 120,
    });
    expect(nodeOperatorDeps(parseNodeConfig({})).rateLimiter).toBeDefined();
    expect(nodeOperatorDeps(parseNodeConfig({ RATE_LIMIT_PER_MINUTE: '0' })).rateLimiter).toBeUndefined();
  });

  it('rejects nonsense values', () => {
    expect(() => parseNodeConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => parseNodeConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });
});

describe('Workers rate-limit binding configuration', () => {
  it('wrangler.toml binds RATE_LIMITER per minute, with RATE_LIMIT_PER_MINUTE equal to its limit', async () => {
    const { unstable_readConfig } = await import('wrangler');
    const config = unstable_readConfig({ config: fileURLToPath(new URL('../../wrangler.toml', import.meta.url)) });
    const bindings = config.ratelimits as { name: string; simple: { limit: number; period: number } }[];
    const binding = bindings.find((r) => r.name === 'RATE_LIMITER');
    expect(binding?.simple.period).toBe(60);
    expect(String(binding?.simple.limit)).toBe(config.vars.RATE_LIMIT_PER_MINUTE);
  });
});
