import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';
import { eventStream } from '../../src/http/event-stream.js';
import { requestIdentity } from '../../src/http/middleware/request-id.js';
import { logRequests, type RequestLogLine } from '../../src/http/middleware/request-log.js';
import { observeRequests, recordOutcome } from '../../src/http/middleware/request-observer.js';
import { createJsonLogger, type Logger } from '../../src/logger.js';
import { builtIndex } from '../helpers/built-index.js';

const API_KEY = 'ak_live_0123456789abcdef';

/** A logger that keeps what it is given, as the JSON it would write. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = {
    info: (event, fields) =>
      lines.push(JSON.parse(JSON.stringify({ level: 'info', event, ...fields })) as Record<string, unknown>),
    error: (event, fields) =>
      lines.push(JSON.parse(JSON.stringify({ level: 'error', event, ...fields })) as Record<string, unknown>),
  };
  return {
    logger,
    requests: () =>
      lines.filter((l) => l.event === 'request') as unknown as (RequestLogLine & Record<string, unknown>)[],
  };
}

/** A clock that advances 5 ms per reading, so latency is exact. */
function steppingClock() {
  let now = 0;
  return () => (now += 5);
}

async function loggedApp(deps: Partial<AppDeps> = {}) {
  const { logger, requests } = recordingLogger();
  const app = createApp({ index: await builtIndex(), logger, clock: steppingClock(), ...deps });
  return { app, requests };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('request log', () => {
  it('writes one JSON line per request with route, status, latency, request id and the answer outcome', async () => {
    const { app, requests } = await loggedApp();
    const res = await app.request('/v1/ask?debug=secret', post({ question: 'what is reference counting?' }));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { citations: { score: number }[] };
    expect(requests()).toEqual([
      {
        level: 'info',
        event: 'request',
        requestId: res.headers.get('x-request-id'),
        method: 'POST',
        route: '/v1/ask',
        path: '/v1/ask',
        status: 200,
        latencyMs: 5,
        abstained: false,
        confidence: 'high',
        topScore: Math.max(...answer.citations.map((c) => c.score)),
      },
    ]);
  });

  it('logs abstentions, route patterns (not ids) and unmatched paths', async () => {
    const { app, requests } = await loggedApp();
    await app.request('/v1/ask', post({ question: 'what is the capital of France?' }));
    await app.request('/v1/tips/avoid-memory-leaks--weak-references');
    await app.request('/nope');
    await app.request('/v1/search', post({ query: '' }));
    const [abstained, tip, missing, invalid] = requests();
    expect(abstained).toMatchObject({
      route: '/v1/ask',
      status: 200,
      abstained: true,
      confidence: 'low',
      abstainReason: 'out_of_scope',
    });
    expect(abstained).not.toHaveProperty('topScore');
    expect(tip).toMatchObject({
      route: '/v1/tips/:id',
      path: '/v1/tips/avoid-memory-leaks--weak-references',
      status: 200,
    });
    expect(missing).toMatchObject({ route: null, path: '/nope', status: 404 });
    expect(invalid).toMatchObject({ route: '/v1/search', status: 400 });
  });

  it('names the key by its id and never logs the key or the Authorization header', async () => {
    const { app, requests } = await loggedApp({ apiKeys: [API_KEY] });
    await app.request('/v1/ask', post({ question: 'gc?' }, { authorization: `Bearer ${API_KEY}` }));
    await app.request('/v1/ask', post({ question: 'gc?' }, { authorization: `Bearer ${API_KEY}x` }));
    const [ok, refused] = requests();
    expect(ok).toMatchObject({ status: 200, principal: expect.stringMatching(/^api-key:k_[0-9a-f]{8}$/) });
    expect(refused).toMatchObject({ status: 401, route: '/v1/ask' });
    expect(refused).not.toHaveProperty('principal');
    const text = JSON.stringify(requests());
    expect(text).not.toContain(API_KEY);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain('Bearer');
  });

  it('logs findings counts and the MCP tool from /mcp', async () => {
    const { app, requests } = await loggedApp();
    const res = await app.request('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'analyze_python_snippet', arguments: { code: "s = ''\nfor w in words:\n    s += w\n" } },
      }),
    });
    expect(res.status).toBe(200);
    expect(requests()).toEqual([
      expect.objectContaining({ route: '/mcp', status: 200, tool: 'analyze_python_snippet', findings: 1 }),
    ]);
  });

  it('logs /v1/ask/stream once its last event is sent, with the answer outcome', async () => {
    const { app, requests } = await loggedApp();
    const res = await app.request('/v1/ask/stream', post({ question: 'how do weak references help?' }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await res.text();
    expect(requests()).toEqual([
      expect.objectContaining({ route: '/v1/ask/stream', status: 200, abstained: false, topScore: expect.any(Number) }),
    ]);
  });

  it('logs an event stream when it ends, with what was recorded while it streamed', async () => {
    const { logger, requests } = recordingLogger();
    const app = new Hono()
      .use(requestIdentity())
      .use(observeRequests([logRequests(logger)], steppingClock()))
      .get('/stream', (c) =>
        eventStream(c, async (stream) => {
          await stream.writeSSE({ event: 'delta', data: 'a' });
          recordOutcome(c, { abstained: false, topScore: 0.7 });
          await stream.writeSSE({ event: 'done', data: '{}' });
        }),
      );
    const res = await app.request('/stream');
    expect(requests()).toHaveLength(0);
    expect(await res.text()).toContain('event: done');
    expect(requests()).toEqual([
      expect.objectContaining({ route: '/stream', status: 200, abstained: false, topScore: 0.7 }),
    ]);
  });

  it('writes the JSON logger output as single lines on stdout', async () => {
    const written: string[] = [];
    const original = console.log;
    console.log = (line: string) => written.push(line);
    try {
      createJsonLogger().info('request', { route: '/v1/ask', status: 200 });
    } finally {
      console.log = original;
    }
    expect(written).toHaveLength(1);
    expect(written[0]).not.toContain('\n');
    expect(JSON.parse(written[0] ?? '')).toEqual({
      time: expect.any(String),
      level: 'info',
      event: 'request',
      route: '/v1/ask',
      status: 200,
    });
  });
});

describe('JSON logger lines', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, logger: createJsonLogger({ info: (l) => lines.push(l), error: (l) => lines.push(l) }) };
  };

  it('are exactly the JSON of { time, level, event, ...fields }, whatever the fields', () => {
    const { lines, logger } = capture();
    const cases: (Record<string, unknown> | undefined)[] = [
      undefined,
      {},
      { route: '/v1/ask', status: 200, topScore: 0.73, nested: { a: [1, 'two'] } },
      { path: '/x"y\\z\n', note: '\u2028' },
      { event: 'overridden', time: 'mine', level: 'custom' },
    ];
    for (const fields of cases) logger.info('request "quoted"', fields);
    logger.error('boom', { why: 'x' });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    cases.forEach((fields, i) => {
      const line = parsed[i] ?? {};
      expect(line).toEqual(
        JSON.parse(JSON.stringify({ time: line.time, level: 'info', event: 'request "quoted"', ...fields })),
      );
      if (fields && 'time' in fields) expect(line.time).toBe('mine');
      else expect(new Date(line.time as string).toISOString()).toBe(line.time);
    });
    expect(parsed.at(-1)).toMatchObject({ level: 'error', event: 'boom', why: 'x' });
  });
});
