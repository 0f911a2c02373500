import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { operatorConfigSchema, parseConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { createKeyRing } from '../../src/http/middleware/auth.js';
import { silentLogger } from '../../src/logger.js';
import { createPrometheusMetrics } from '../../src/platform/node/metrics.js';
import { builtIndex } from '../helpers/built-index.js';

const API_KEY = 'ak_live_0123456789abcdef';
const OTHER_KEY = 'ak_live_fedcba9876543210';
const WIDGET_KEY = 'wk_pub_0123456789abcdef';
const ADMIN_TOKEN = 'admin_0123456789abcdef';
const ORIGIN = 'https://help.example.com';

async function app(deps: Partial<AppDeps> = {}) {
  return createApp({ index: await builtIndex(), logger: silentLogger, ...deps });
}

const secured = () =>
  app({ apiKeys: [API_KEY, OTHER_KEY], widgetKeys: [WIDGET_KEY], allowedOrigins: [ORIGIN], adminToken: ADMIN_TOKEN });

function ask(headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ question: 'how do I avoid memory leaks?' }),
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectUnauthorized(res: Response, error?: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const challenge = res.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/^Bearer realm="pymem"/);
  if (error) expect(challenge).toContain(`error="${error}"`);
  else expect(challenge).not.toContain('error=');
  const body = (await res.json()) as { type: string; status: number; detail: string; requestId: string };
  expect(body).toMatchObject({
    type: 'urn:pymem:problem:unauthorized',
    status: 401,
    requestId: res.headers.get('x-request-id'),
  });
  return body;
}

describe('API keys off (no API_KEYS, no WIDGET_KEYS)', () => {
  it('leaves /v1/* and /mcp open', async () => {
    const open = await app();
    expect((await open.request('/v1/ask', ask())).status).toBe(200);
    expect((await open.request('/v1/tips')).status).toBe(200);
  });
});

describe('API keys on', () => {
  it('refuses a request without Authorization: 401 problem+json with a Bearer challenge', async () => {
    const res = await (await secured()).request('/v1/ask', ask());
    const body = await expectUnauthorized(res);
    expect(body.detail).toMatch(/Authorization: Bearer <key>/);
  });

  it('refuses a wrong key with error="invalid_token"', async () => {
    await expectUnauthorized(
      await (await secured()).request('/v1/ask', ask(bearer('ak_live_0123456789abcdeX'))),
      'invalid_token',
    );
  });

  it('refuses a malformed header with error="invalid_request"', async () => {
    const server = await secured();
    await expectUnauthorized(
      await server.request('/v1/tips', { headers: { authorization: `Basic ${btoa('a:b')}` } }),
      'invalid_request',
    );
    await expectUnauthorized(
      await server.request('/v1/tips', { headers: { authorization: 'Bearer' } }),
      'invalid_request',
    );
  });

  it('accepts every configured key, with any case of the scheme', async () => {
    const server = await secured();
    expect((await server.request('/v1/ask', ask(bearer(API_KEY)))).status).toBe(200);
    expect((await server.request('/v1/ask', ask(bearer(OTHER_KEY)))).status).toBe(200);
    expect((await server.request('/v1/tips', { headers: { authorization: `bearer ${API_KEY}` } })).status).toBe(200);
  });

  it('protects every /v1 route and /mcp, whatever the method', async () => {
    const server = await secured();
    for (const path of ['/v1/tips', '/v1/tips/avoid-memory-leaks--weak-references', '/v1/nope']) {
      await expectUnauthorized(await server.request(path));
    }
    await expectUnauthorized(await server.request('/v1/search', { method: 'POST', body: '{}' }));
    await expectUnauthorized(await server.request('/mcp', { method: 'POST', body: '{}' }));
  });

  it('keeps /healthz, /docs and /openapi.json public', async () => {
    const server = await secured();
    for (const path of ['/healthz', '/docs', '/openapi.json']) {
      const res = await server.request(path);
      expect(res.status, path).toBe(200);
    }
  });

  it('leaves the Slack and Discord webhooks to their own signature checks', async () => {
    const server = await secured();
    for (const path of ['/slack/commands', '/slack/events', '/discord/interactions']) {
      const res = await server.request(path, { method: 'POST', body: '{}' });
      expect(res.headers.get('www-authenticate'), path).toBeNull();
      expect(((await res.json()) as { type: string }).type, path).not.toBe('urn:pymem:problem:unauthorized');
    }
  });

  it('marks the API operations as requiring a key in the served OpenAPI document', async () => {
    const doc = (await (await (await secured()).request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.paths['/v1/ask']?.post?.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    const openDoc = (await (await (await app()).request('/openapi.json')).json()) as typeof doc;
    expect(openDoc.paths['/v1/ask']?.post?.security).toEqual([{}, { apiKey: [] }]);
  });

  it('accepts the admin token wherever an API key is accepted', async () => {
    expect((await (await secured()).request('/v1/ask', ask(bearer(ADMIN_TOKEN)))).status).toBe(200);
  });

  it('lets CORS preflights (OPTIONS, which carry no credentials) through to CORS handling', async () => {
    const res = await (
      await secured()
    ).request('/v1/ask', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(res.status).not.toBe(401);
  });
});

describe('publishable widget keys', () => {
  const fromOrigin = (origin?: string) => ({ ...bearer(WIDGET_KEY), ...(origin ? { origin } : {}) });

  it('may ask and read tips from an allowed origin', async () => {
    const server = await secured();
    expect((await server.request('/v1/ask', ask(fromOrigin(ORIGIN)))).status).toBe(200);
    expect((await server.request('/v1/tips', { headers: fromOrigin(ORIGIN) })).status).toBe(200);
    expect(
      (await server.request('/v1/tips/avoid-memory-leaks--weak-references', { headers: fromOrigin(ORIGIN) })).status,
    ).toBe(200);
  });

  it('is refused (403) from another origin or with no origin', async () => {
    const server = await secured();
    for (const origin of ['https://evil.example', undefined]) {
      const res = await server.request('/v1/ask', ask(fromOrigin(origin)));
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/allowed origins/);
    }
  });

  it('is refused (403) outside its scope: search and MCP need an API key', async () => {
    const server = await secured();
    const search = await server.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fromOrigin(ORIGIN) },
      body: JSON.stringify({ query: 'gc' }),
    });
    expect(search.status).toBe(403);
    expect(((await search.json()) as { detail: string }).detail).toMatch(/may not call POST \/v1\/search/);
    const mcp = await server.request('/mcp', { method: 'POST', headers: fromOrigin(ORIGIN), body: '{}' });
    expect(mcp.status).toBe(403);
  });

  it('with ALLOWED_ORIGINS=*, is accepted from any page, still only from a page', async () => {
    const anyPage = await app({ apiKeys: [API_KEY], widgetKeys: [WIDGET_KEY], allowedOrigins: ['*'] });
    expect((await anyPage.request('/v1/tips', { headers: fromOrigin('https://anyone.example') })).status).toBe(200);
    expect((await anyPage.request('/v1/tips', { headers: fromOrigin() })).status).toBe(403);
  });

  it('turns auth on by themselves (no API_KEYS)', async () => {
    const widgetOnly = await app({ widgetKeys: [WIDGET_KEY], allowedOrigins: [ORIGIN] });
    await expectUnauthorized(await widgetOnly.request('/v1/ask', ask()));
    expect((await widgetOnly.request('/v1/ask', ask(fromOrigin(ORIGIN)))).status).toBe(200);
  });
});

describe('admin auth (/metrics)', () => {
  const withMetrics = (adminToken?: string) =>
    app({ metrics: createPrometheusMetrics({ processMetrics: false }), adminToken });

  it('is disabled (503) while ADMIN_TOKEN is not set', async () => {
    const res = await (await withMetrics()).request('/metrics', { headers: bearer(ADMIN_TOKEN) });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/set ADMIN_TOKEN/);
  });

  it('refuses no token and a wrong token (an API key is not the admin token)', async () => {
    const server = await withMetrics(ADMIN_TOKEN);
    const none = await server.request('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="pymem-admin"');
    const wrong = await server.request('/metrics', { headers: bearer(API_KEY) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="pymem-admin", error="invalid_token"');
  });

  it('serves the metrics with the admin token', async () => {
    const res = await (await withMetrics(ADMIN_TOKEN)).request('/metrics', { headers: bearer(ADMIN_TOKEN) });
    expect(res.status).toBe(200);
  });
});

describe('bearer tokens and key rings', () => {
  it('reads Bearer tokens and nothing else (hono/bearer-auth), with our challenge', async () => {
    const server = await secured();
    const tips = (authorization?: string) =>
      server.request('/v1/tips', authorization === undefined ? {} : { headers: { authorization } });
    expect((await tips(`Bearer ${API_KEY}`)).status).toBe(200);
    expect((await tips(`BEARER   ${API_KEY} `)).status).toBe(200);
    await expectUnauthorized(await tips());
    await expectUnauthorized(await tips('Token abc'), 'invalid_request');
    await expectUnauthorized(await tips('Bearer a b'), 'invalid_request');
    expect((await tips('Bearer wrong-key')).headers.get('www-authenticate')).toBe(
      'Bearer realm="pymem", error="invalid_token"',
    );
  });

  it('matches a key to a stable id that does not contain the key', async () => {
    const ring = createKeyRing([API_KEY, OTHER_KEY]);
    const id = await ring.match(API_KEY);
    expect(id).toMatch(/^k_[0-9a-f]{8}$/);
    expect(await createKeyRing([API_KEY]).match(API_KEY)).toBe(id);
    expect(await ring.match(OTHER_KEY)).not.toBe(id);
    expect(await ring.match(API_KEY.slice(0, -1))).toBeUndefined();
    expect(await ring.match('')).toBeUndefined();
  });
});

describe('access configuration', () => {
  it('parses comma-separated keys and origins', () => {
    const config = parseConfig(operatorConfigSchema, {
      API_KEYS: ` ${API_KEY}, ${OTHER_KEY} ,`,
      ALLOWED_ORIGINS: 'https://help.example.com/, http://localhost:3000',
    });
    expect(config.API_KEYS).toEqual([API_KEY, OTHER_KEY]);
    expect(config.WIDGET_KEYS).toEqual([]);
    expect(config.ALLOWED_ORIGINS).toEqual(['https://help.example.com', 'http://localhost:3000']);
    expect(config.ADMIN_TOKEN).toBeUndefined();
  });

  it('rejects short keys and bad origins, naming each variable', () => {
    expect(() =>
      parseConfig(operatorConfigSchema, { API_KEYS: 'short', ADMIN_TOKEN: 'x', ALLOWED_ORIGINS: 'ftp://x' }),
    ).toThrow(/API_KEYS.*at least 16[\s\S]*ALLOWED_ORIGINS[\s\S]*ADMIN_TOKEN/);
  });
});
