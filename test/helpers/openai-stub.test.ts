import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { messageText, startOpenAiStub } from './openai-stub.js';

const stub = await startOpenAiStub({ apiKey: 'sk-stub-test', models: ['m1', 'm2'] });
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const chat = (body: object, key = 'sk-stub-test') =>
  fetch(`${stub.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
const messages = [
  { role: 'system', content: 'be brief' },
  { role: 'user', content: 'hi' },
];

describe('the OpenAI-compatible test stub', () => {
  it('listens on 127.0.0.1 and lists its models', async () => {
    expect(stub.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${stub.baseUrl}/models`);
    expect(((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('answers a non-streaming completion in the chat.completion shape and records the request', async () => {
    stub.enqueue({ content: 'hello' });
    const res = await chat({ model: 'm1', messages });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      object: 'chat.completion',
      model: 'm1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
    });
    expect(messageText(stub.requests[0], 'system')).toBe('be brief');
    expect(stub.requests[0]?.answered).toBe(200);
  });

  it('streams chat.completion.chunk events word by word, then [DONE]', async () => {
    stub.enqueue({ content: 'one two three' });
    const text = await (
      await chat({ model: 'm1', messages, stream: true, stream_options: { include_usage: true } })
    ).text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events
      .slice(0, -1)
      .map(
        (e) => JSON.parse(e.slice('data: '.length)) as { choices: { delta: { content?: string } }[]; usage?: object },
      );
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(3);
    expect(chunks.at(-1)?.usage).toBeDefined();
  });

  it('serves scripted errors with headers, a default reply, and 401 for a wrong key', async () => {
    stub.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    stub.setDefault({ status: 503 });
    const limited = await chat({ model: 'm1', messages });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await chat({ model: 'm1', messages })).status).toBe(503);
    expect((await chat({ model: 'm1', messages }, 'sk-wrong')).status).toBe(401);
    expect(stub.requests.map((r) => r.answered)).toEqual([429, 503, 401]);
  });

  it('rejects a body that is not JSON, and unknown routes', async () => {
    const bad = await fetch(`${stub.baseUrl}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${stub.baseUrl}/embeddings`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('can hang a request until the client gives up', async () => {
    stub.enqueue({ hang: true });
    await expect(
      fetch(`${stub.baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm1', messages }),
        headers: { authorization: 'Bearer sk-stub-test' },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    expect(stub.requests[0]?.answered).toBe('hang');
  });
});
