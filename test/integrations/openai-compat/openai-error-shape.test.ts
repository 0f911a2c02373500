import { describe, expect, it } from 'vitest';
import { openAiError } from '../../../src/integrations/openai-compat/openai-error-shape.js';
import { testApp } from '../../helpers/built-index.js';

const app = await testApp();
const post = (body: string, contentType = 'application/json') =>
  app.request('/v1/chat/completions', { method: 'POST', headers: { 'content-type': contentType }, body });

describe('openAiError', () => {
  it("maps a problem to OpenAI's error body", () => {
    expect(
      openAiError({
        type: 'urn:pymem:problem:validation',
        status: 400,
        detail: 'messages: bad',
        errors: [{ path: 'messages', message: 'bad' }],
      }),
    ).toEqual({
      error: { message: 'messages: bad', type: 'invalid_request_error', param: 'messages', code: 'validation' },
    });
    expect(
      openAiError({ type: 'urn:pymem:problem:unauthorized', status: 401, detail: 'Send a key.' }).error,
    ).toMatchObject({
      type: 'authentication_error',
      code: 'unauthorized',
    });
    expect(openAiError({ type: 'about:blank', status: 503, detail: 'Down.' }).error).toMatchObject({
      type: 'server_error',
      code: null,
    });
  });
});

describe('errors on the OpenAI-compatible paths, whoever raises them', () => {
  it.each([
    ['malformed JSON', () => post('{"model":'), 400],
    ['a body that is not JSON', () => post('hi', 'text/plain'), 415],
    [
      'a body over 128 KiB',
      () =>
        post(
          JSON.stringify({ model: 'pymem-assistant', messages: [{ role: 'user', content: 'x'.repeat(130 * 1024) }] }),
        ),
      413,
    ],
    ['a wrong method', () => app.request('/v1/chat/completions'), 405],
    [
      'n over 1',
      () => post(JSON.stringify({ model: 'pymem-assistant', n: 2, messages: [{ role: 'user', content: 'gc?' }] })),
      400,
    ],
    ['an unknown model', () => app.request('/v1/models/gpt-4o'), 404],
  ])('%s is OpenAI-shaped JSON with the same status', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('leaves other /v1 routes in problem+json', async () => {
    const res = await app.request('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
