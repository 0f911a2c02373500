import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { operatorConfigSchema, parseConfig, parseNodeConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { headerClientAddress } from '../../src/http/middleware/rate-limit.js';
import { silentLogger } from '../../src/logger.js';
import { nodeOperatorDeps } from '../../src/platform/node/deps.js';
import { createPrometheusMetrics } from '../../src/platform/node/metrics.js';
import { createTokenBucketLimiter } from '../../src/http/rate-limiter.js';
import { builtIndex } from '../helpers/built-index.js';

// Issue #19: failed authentication is rate-limited per client address, and only keys a Bearer
// header can carry are accepted by the configuration.

const API_KEY = 'ak_live_0123456789abcdef';
const ADMIN_TOKEN = 'admin_0123456789abcdef';

afterEach(() => {
  vi.useRealTimers();
});

async function guarded(deps: Partial<AppDeps> = {}) {
  return createApp({
    index: await builtIndex(),
    logger: silentLogger,
    apiKeys: [API_KEY],
    adminToken: ADMIN_TOKEN,
    metrics: createPrometheusMetrics(),
    clientAddress: headerClientAddress('x-test-client'),
    failedAuthLimiter: createTokenBucketLimiter({ perMinute: 10 }),
    ...deps,
  });
}

const from = (client: string, token?: string) => ({
  headers: { 'x-test-client': client, ...(token ? { authorization: `Bearer ${token}` } : {}) },
});

describe('failed-authentication limit', () => {
  it('refuses a client after 10 wrong keys a minute with 429 and Retry-After, whatever key it then sends, and no one else', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = await guarded();
    for (let i = 0; i < 10; i++)
      expect((await app.request('/v1/tips', from('203.0.113.7', `wrong-key-${i}-0123456789`))).status).toBe(401);
    const refused = await app.request('/v1/tips', from('203.0.113.7', 'wrong-key-10-0123456789'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      type: 'urn:pymem:problem:rate-limited',
      detail: expect.stringContaining('failed authentications'),
    });
    // No answer tells a guess right from wrong while blocked.
    expect((await app.request('/v1/tips', from('203.0.113.7', API_KEY))).status).toBe(429);
    expect((await app.request('/v1/tips', from('198.51.100.1', API_KEY))).status).toBe(200);
    vi.advanceTimersByTime(61_000);
    expect((await app.request('/v1/tips', from('203.0.113.7', API_KEY))).status).toBe(200);
  });

  it('counts malformed headers and wrong admin tokens, not requests that send no key', async () => {
    const app = await guarded();
    for (let i = 0; i < 20; i++) expect((await app.request('/v1/tips', from('203.0.113.8'))).status).toBe(401);
    expect((await app.request('/v1/tips', from('203.0.113.8', API_KEY))).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await app.request('/metrics', from('203.0.113.9', `not-the-admin-token-${i}`))).status).toBe(401);
    for (let i = 0; i < 5; i++) {
      const res = await app.request('/v1/tips', {
        headers: { 'x-test-client': '203.0.113.9', authorization: 'Basic dXNlcjpwYXNz' },
      });
      expect(res.status).toBe(401);
    }
    // The eleventh failure in a minute is refused, and so is the right token after it.
    expect((await app.request('/v1/tips', from('203.0.113.9', 'eleventh-guess-0123456789'))).status).toBe(429);
    expect((await app.request('/metrics', from('203.0.113.9', ADMIN_TOKEN))).status).toBe(429);
  });

  it('is on by default (10 a minute) and 0 turns it off', () => {
    expect(parseNodeConfig({}).AUTH_FAILURES_PER_MINUTE).toBe(10);
    expect(nodeOperatorDeps(parseNodeConfig({})).failedAuthLimiter).toBeDefined();
    expect(nodeOperatorDeps(parseNodeConfig({ AUTH_FAILURES_PER_MINUTE: '0' })).failedAuthLimiter).toBeUndefined();
  });
});

describe('keys a Bearer header can carry', () => {
  it.each([['API_KEYS'], ['WIDGET_KEYS'], ['ADMIN_TOKEN']])(
    '%s refuses characters no Bearer token can hold, naming the variable',
    (name) => {
      for (const key of [
        '0123456789abcdef!',
        'abc#0123456789abcdef',
        '$0123456789abcdef',
        'user:0123456789abcdef',
        'with space 0123456789',
        'ünïcødé-0123456789ab',
        '0123456789abcdef=x',
      ]) {
        expect(() => parseConfig(operatorConfigSchema, { [name]: key }), key).toThrow(
          new RegExp(`${name}.*may only use letters, digits and - \\. _ ~ \\+ /`),
        );
      }
    },
  );

  it('accepts every key the Bearer grammar can carry, and each such key authenticates', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/'.split('');
    const keys = fc
      .tuple(fc.array(fc.constantFrom(...alphabet), { minLength: 16, maxLength: 64 }), fc.integer({ min: 0, max: 2 }))
      .map(([chars, pad]) => chars.join('') + '='.repeat(pad));
    await fc.assert(
      fc.asyncProperty(keys, async (key) => {
        const config = parseConfig(operatorConfigSchema, { API_KEYS: key });
        const app = createApp({ index: await builtIndex(), logger: silentLogger, apiKeys: config.API_KEYS });
        expect((await app.request('/v1/tips', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      }),
      { numRuns: 40 },
    );
  });
});
