import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { describeAskStreamContract } from '../http/ask-stream-contract.js';
import { parseSse } from '../helpers/sse-events.js';

const fetcher = (path: string, init?: RequestInit) => SELF.fetch(`http://localhost${path}`, init);
describeAskStreamContract('workerd, the Worker entry', fetcher);

describe('the widget on Workers', () => {
  it('serves /widget.js from Workers Static Assets (build/public)', async () => {
    const res = await fetcher('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toMatch(/^\/\*! pymem-assistant help widget/);
  });

  it('serves the demo page that embeds it', async () => {
    const res = await fetcher('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script src="/widget.js" data-title="Python memory help" async></script>');
  });

  it('keeps feedback on a streamed answer in D1, linked to its question', async () => {
    const question = `how do I use weakref? (workerd ${crypto.randomUUID()})`;
    const stream = await fetcher('/v1/ask/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    const done = parseSse(await stream.text()).at(-1)?.data as { answerId: string };
    const res = await fetcher('/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: done.answerId, helpful: false, comment: 'show a cache' }),
    });
    expect(res.status).toBe(200);
    const row = await env.DB.prepare(
      'SELECT q.question, q.asked, f.helpful, f.comment FROM feedback f JOIN questions q USING (question_hash) WHERE f.answer_id = ?',
    )
      .bind(done.answerId)
      .first();
    expect(row).toEqual({ question, asked: 1, helpful: 0, comment: 'show a cache' });
  });

  it('is 404 for feedback on an unknown answer', async () => {
    const res = await fetcher('/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: crypto.randomUUID(), helpful: true }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'urn:pymem:problem:unknown-answer' });
  });
});
