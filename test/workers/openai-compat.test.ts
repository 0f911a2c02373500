import { SELF } from 'cloudflare:test';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

// The OpenAI-compatible API inside workerd, through the Worker entry, with the official client
// (its `fetch` pointed at the Worker): the response and the SSE stream as workerd sends them.

const client = new OpenAI({
  baseURL: 'http://localhost/v1',
  apiKey: 'open-service',
  maxRetries: 0,
  fetch: (input, init) => SELF.fetch(input, init),
});
const messages = [
  { role: 'user' as const, content: 'are tuples smaller than lists?' },
  { role: 'assistant' as const, content: 'The guidance covers this …' },
  { role: 'user' as const, content: 'what about dicts?' },
];

describe('OpenAI-compatible API in workerd', () => {
  it('lists the model', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['pymem-assistant']);
  });

  it('answers a follow-up, whole and streamed alike', async () => {
    const whole = await client.chat.completions.create({ model: 'pymem-assistant', messages });
    const content = whole.choices[0]?.message.content ?? '';
    expect(content).toContain('**List and Dictionary Sizes**');
    let streamed = '';
    let finish: string | null | undefined;
    for await (const chunk of await client.chat.completions.create({
      model: 'pymem-assistant',
      messages,
      stream: true,
    })) {
      streamed += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(streamed).toBe(content);
    expect(finish).toBe('stop');
  });

  it("ends the raw stream with data: [DONE], and errors in OpenAI's shape", async () => {
    const res = await SELF.fetch('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'pymem-assistant',
        stream: true,
        messages: [{ role: 'user', content: 'weakref?' }],
      }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await res.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
    const bad = await SELF.fetch('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.any(String) } });
  });
});
