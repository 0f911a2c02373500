import { SELF, env } from 'cloudflare:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromAssets } from '../../src/platform/worker/assets-index.js';
import { workerOperatorDeps } from '../../src/platform/worker/deps.js';

/** The `[[ratelimits]]` binding of wrangler.toml, as miniflare runs it locally. */
const rateLimiter = (env as unknown as { RATE_LIMITER: RateLimit }).RATE_LIMITER;

const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`http://localhost${path}`, { headers });

describe('operator features in workerd (the Worker entry)', () => {
  it('serves the OpenAPI document and the reference page, its files from Workers Static Assets', async () => {
    const doc = await get('/openapi.json');
    expect(doc.status).toBe(200);
    const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/v1/ask', '/mcp', '/healthz']));

    const page = await get('/docs');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('docs/swagger-ui-bundle.js');
    const script = await get('/docs/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1_000_000);
  });

  it('runs the MCP server for the SDK client', async () => {
    const client = new Client({ name: 'workerd-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), {
      fetch: (url, init) => SELF.fetch(url, init),
    });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
        'analyze_python_snippet',
        'ask_python_memory',
        'search_tips',
      ]);
      const answer = await client.callTool({
        name: 'ask_python_memory',
        arguments: { question: 'how do weak references help?' },
      });
      expect(answer.structuredContent).toMatchObject({ abstained: false });
      const analysis = await client.callTool({
        name: 'analyze_python_snippet',
        arguments: { code: "f = open('data.txt')\n" },
      });
      expect((analysis.structuredContent as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
      const { contents } = await client.readResource({ uri: 'tip://avoid-memory-leaks--weak-references' });
      expect(contents[0]).toMatchObject({ mimeType: 'text/markdown' });
    } finally {
      await client.close();
    }
  });

  it('rate-limits per CF-Connecting-IP with the binding: 429, Retry-After and RateLimit-* headers', async () => {
    const from = { 'cf-connecting-ip': '203.0.113.77' };
    const first = await get('/v1/tips', from);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('60');
    expect(first.headers.get('ratelimit-remaining')).toBeNull();

    // The same binding and key through an app that logs nothing (the entry would log every request).
    // The local binding counts in fixed 60 s windows: 2 × 60 + 1 requests reach the limit even if a window turns over.
    const quiet = createApp({
      index: await loadIndexFromAssets(env.ASSETS),
      logger: silentLogger,
      ...workerOperatorDeps({ ...env, RATE_LIMITER: rateLimiter }),
    });
    let refused: Response | undefined;
    for (let i = 0; i < 121 && !refused; i++) {
      const res = await quiet.request('http://localhost/v1/tips', { headers: from });
      if (res.status === 429) refused = res;
      else await res.body?.cancel();
    }
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused?.headers.get('retry-after')).toBe('60');
    expect(refused?.headers.get('ratelimit-limit')).toBe('60');
    expect(refused?.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused?.headers.get('ratelimit-reset')).toBe('60');

    const otherClient = await get('/v1/tips', { 'cf-connecting-ip': '198.51.100.1' });
    expect(otherClient.status).toBe(200);
  });

  it('reads API keys and the binding from the Worker env', async () => {
    const key = 'ak_live_0123456789abcdef';
    const app = createApp({
      index: await loadIndexFromAssets(env.ASSETS),
      logger: silentLogger,
      ...workerOperatorDeps({ API_KEYS: key, RATE_LIMIT_PER_MINUTE: '60', RATE_LIMITER: rateLimiter }),
    });
    const refused = await app.request('http://localhost/v1/tips');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="pymem"');
    const allowed = await app.request('http://localhost/v1/tips', {
      headers: { authorization: `Bearer ${key}`, 'cf-connecting-ip': '192.0.2.5' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('ratelimit-limit')).toBe('60');
  });
});
