import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { createPrometheusMetrics } from '../../src/platform/node/metrics.js';
import { builtIndex } from '../helpers/built-index.js';

const ADMIN_TOKEN = 'admin_0123456789abcdef';

async function metricsApp(processMetrics = false) {
  return createApp({
    index: await builtIndex(),
    logger: silentLogger,
    metrics: createPrometheusMetrics({ processMetrics }),
    adminToken: ADMIN_TOKEN,
  });
}

const ask = (question: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ question }),
});

async function scrape(app: Awaited<ReturnType<typeof metricsApp>>) {
  const res = await app.request('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return { res, text: await res.text() };
}

/** Sample lines of the exposition as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    expect(match, `not a sample line: ${line}`).not.toBeNull();
    map.set(match![1]!, Number(match![2]));
  }
  return map;
}

describe('GET /metrics (Prometheus)', () => {
  it('is in the Prometheus text format with HELP and TYPE for each family', async () => {
    const app = await metricsApp();
    await app.request('/healthz');
    const { res, text } = await scrape(app);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const [name, type] of [
      ['pymem_http_requests_total', 'counter'],
      ['pymem_http_request_duration_seconds', 'histogram'],
      ['pymem_answers_total', 'counter'],
      ['pymem_abstentions_total', 'counter'],
      ['pymem_answer_top_score', 'histogram'],
      ['pymem_findings_total', 'counter'],
      ['pymem_mcp_tool_calls_total', 'counter'],
    ]) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toContain(`# TYPE ${name} ${type}`);
    }
    expect(samples(text).size).toBeGreaterThan(0);
  });

  it('counts requests and latency by route pattern and status, never by raw path', async () => {
    const app = await metricsApp();
    await app.request('/v1/tips/avoid-memory-leaks--weak-references');
    await app.request('/v1/tips/optimize-string-usage--string-concatenation');
    await app.request('/v1/tips/nope');
    await app.request('/no/such/path');
    const values = samples((await scrape(app)).text);
    expect(values.get('pymem_http_requests_total{method="GET",route="/v1/tips/:id",status="200"}')).toBe(2);
    expect(values.get('pymem_http_requests_total{method="GET",route="/v1/tips/:id",status="404"}')).toBe(1);
    expect(values.get('pymem_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(
      values.get('pymem_http_request_duration_seconds_count{method="GET",route="/v1/tips/:id",status="200"}'),
    ).toBe(2);
    expect(
      values.get(
        'pymem_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/tips/:id",status="200"}',
      ),
    ).toBe(2);
    expect([...values.keys()].some((k) => k.includes('weak-references'))).toBe(false);
  });

  it('counts answers and abstentions', async () => {
    const app = await metricsApp();
    await app.request('/v1/ask', ask('how do I build a big string efficiently?'));
    await app.request('/v1/ask', ask('what is the capital of France?'));
    await app.request('/v1/ask', ask('who won the football world cup in 1998?'));
    const values = samples((await scrape(app)).text);
    expect(values.get('pymem_answers_total{route="/v1/ask"}')).toBe(3);
    expect(values.get('pymem_abstentions_total{route="/v1/ask"}')).toBe(2);
    expect(values.get('pymem_answer_top_score_count{route="/v1/ask"}')).toBe(1);
  });

  it('counts MCP tool calls and analyzer findings', async () => {
    const app = await metricsApp();
    await app.request('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: {
          name: 'analyze_python_snippet',
          arguments: { code: "s = ''\nfor w in words:\n    s += w\nf = open('x')\n" },
        },
      }),
    });
    const values = samples((await scrape(app)).text);
    expect(values.get('pymem_mcp_tool_calls_total{tool="analyze_python_snippet"}')).toBe(1);
    expect(values.get('pymem_findings_total{route="/mcp"}')).toBe(2);
  });

  it('includes the Node process metrics when enabled', async () => {
    const { text } = await scrape(await metricsApp(true));
    expect(text).toContain('# TYPE pymem_process_resident_memory_bytes gauge');
    expect(text).toContain('# TYPE pymem_nodejs_eventloop_lag_seconds gauge');
  });

  it('is absent without a metrics backend (as on Workers)', async () => {
    const app = createApp({ index: await builtIndex(), logger: silentLogger, adminToken: ADMIN_TOKEN });
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
  });
});
