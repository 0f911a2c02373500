import { describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import { createApp } from '../../src/app.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { silentLogger } from '../../src/logger.js';
import { readMigrations } from '../../src/platform/node/feedback-store.js';
import { builtIndex } from '../helpers/built-index.js';

const ADMIN_TOKEN = 'feedback-admin-token-0123456789';
const migrations = await readMigrations();
const index = await builtIndex();

function appWith(options: { store?: boolean; adminToken?: string } = {}) {
  const feedback = options.store === false ? undefined : SqliteFeedbackStore.open(':memory:', migrations);
  const app = createApp({ index, logger: silentLogger, feedback, adminToken: options.adminToken ?? ADMIN_TOKEN });
  const call = (path: string, init: RequestInit = {}) => app.request(`http://localhost${path}`, init);
  const post = (path: string, body: unknown) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ask = async (question: string) =>
    ((await (await post('/v1/ask', { question })).json()) as { answerId: string }).answerId;
  const summary = (auth?: string, query = '') =>
    call(`/v1/feedback/summary${query}`, auth ? { headers: { authorization: auth } } : {});
  return { post, ask, summary };
}

async function expectProblem(res: Response, status: number, detail: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { detail: string; type: string };
  expect(body.detail).toMatch(detail);
  return body;
}

describe('POST /v1/feedback', () => {
  it('stores a verdict on an answer from /v1/ask and echoes it', async () => {
    const { post, ask } = appWith();
    const answerId = await ask('what is a weak reference?');
    const res = await post('/v1/feedback', { answerId, helpful: false, comment: '  wanted an example with a cache  ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      answerId,
      helpful: false,
      comment: 'wanted an example with a cache',
      recordedAt: expect.any(String),
    });
    const again = await post('/v1/feedback', { answerId, helpful: true, comment: '   ' });
    expect(await again.json()).toMatchObject({ helpful: true, comment: null });
  });

  it.each([
    ['a random v4 id (as answers had before issue #8)', () => crypto.randomUUID()],
    ['the id of an answer to a question never asked', () => newAnswerId('what is a weak reference?')],
  ])('is 404 for %s', async (_, answerId) => {
    const { post } = appWith();
    const body = await expectProblem(
      await post('/v1/feedback', { answerId: answerId(), helpful: true }),
      404,
      /No answer has the id/,
    );
    expect(body.type).toBe('urn:pymem:problem:unknown-answer');
  });

  it.each([
    ['a missing answerId', { helpful: true }, /answerId/],
    [
      'an answerId that is not a UUID',
      { answerId: 'abc', helpful: true },
      /answerId must be the answerId of an answer/,
    ],
    ['a missing verdict', { answerId: crypto.randomUUID() }, /helpful must be true or false/],
    [
      'a verdict that is not a boolean',
      { answerId: crypto.randomUUID(), helpful: 'yes' },
      /helpful must be true or false/,
    ],
    [
      'a comment over 1,000 characters',
      { answerId: crypto.randomUUID(), helpful: false, comment: 'x'.repeat(1001) },
      /comment must be at most 1000 characters/,
    ],
  ])('is 400 for %s', async (_, body, detail) => {
    await expectProblem(await appWith().post('/v1/feedback', body), 400, detail);
  });

  it('is 503 when the server keeps no feedback', async () => {
    const { post, summary } = appWith({ store: false });
    await expectProblem(
      await post('/v1/feedback', { answerId: crypto.randomUUID(), helpful: true }),
      503,
      /FEEDBACK_DB/,
    );
    await expectProblem(await summary(`Bearer ${ADMIN_TOKEN}`), 503, /not stored/);
  });
});

describe('GET /v1/feedback/summary', () => {
  it('lists the least helpful answers and the abstained questions for the admin', async () => {
    const { post, ask, summary } = appWith();
    const unhelpful = await ask('how do I find a memory leak?');
    await post('/v1/feedback', { answerId: unhelpful, helpful: false, comment: 'which tool first?' });
    await ask('what is the capital of France?');
    const res = await summary(`Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { totals: object; leastHelpful: object[]; abstained: object[] };
    expect(body.totals).toEqual({ answers: 2, abstained: 1, feedback: 1, helpful: 0, unhelpful: 1 });
    expect(body.leastHelpful).toEqual([
      expect.objectContaining({ question: 'how do I find a memory leak?', comments: ['which tool first?'] }),
    ]);
    expect(body.abstained).toEqual([
      { question: 'what is the capital of France?', count: 1, lastAskedAt: expect.any(String) },
    ]);
  });

  it('needs the admin token: 401 with a challenge without it or with a wrong one', async () => {
    const { summary } = appWith();
    const missing = await summary();
    await expectProblem(missing, 401, /ADMIN_TOKEN/);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const wrong = await summary('Bearer not-the-admin-token-000000');
    await expectProblem(wrong, 401, /ADMIN_TOKEN/);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('is 503 when no admin token is configured', async () => {
    await expectProblem(await appWith({ adminToken: '' }).summary(`Bearer ${ADMIN_TOKEN}`), 503, /ADMIN_TOKEN/);
  });

  it.each([
    ['?limit=0', /limit must be at least 1/],
    ['?limit=101', /limit must be at most 100/],
    ['?limit=2.5', /limit must be an integer/],
    ['?limit=many', /limit must be a number/],
  ])('is 400 for %s', async (query, detail) => {
    await expectProblem(await appWith().summary(`Bearer ${ADMIN_TOKEN}`, query), 400, detail);
  });

  it('honours limit', async () => {
    const { ask, summary } = appWith();
    for (const q of ['what is the capital of France?', 'write a poem about cats', 'how to install django'])
      await ask(q);
    const body = (await (await summary(`Bearer ${ADMIN_TOKEN}`, '?limit=2')).json()) as { abstained: unknown[] };
    expect(body.abstained).toHaveLength(2);
  });
});
