import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/deps.js';
import { LOW_CONFIDENCE_NOTE, MODEL_ID } from '../../../src/integrations/openai-compat/chat-completion.js';
import { silentLogger } from '../../../src/logger.js';
import { createTokenBucketLimiter } from '../../../src/http/rate-limiter.js';
import { builtIndex } from '../../helpers/built-index.js';

// The official `openai` package against the service running on a real Node server (port 0),
// the way an editor with a custom "OpenAI base URL" uses it.

const API_KEY = 'ak_live_0123456789abcdef';
const servers: ReturnType<typeof serve>[] = [];

async function startServer(deps: Partial<AppDeps> = {}): Promise<string> {
  const app = createApp({ index: await builtIndex(), logger: silentLogger, ...deps });
  return new Promise<string>((resolve) => {
    servers.push(
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}/v1`),
      ),
    );
  });
}

let client: OpenAI;
beforeAll(async () => {
  client = new OpenAI({ baseURL: await startServer(), apiKey: 'any-key-the-server-is-open', maxRetries: 0 });
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

const conversation: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'How do I find a memory leak?' },
  { role: 'assistant', content: 'The guidance covers this under **Monitor and Profile Memory Usage** …' },
  { role: 'user', content: 'and for tracemalloc?' },
  { role: 'assistant', content: 'The guidance has 2 tips on this …' },
  { role: 'user', content: 'show an example' },
];

/** Reads a stream to its end: the text, the chunks. */
async function collect(
  stream: AsyncIterable<ChatCompletionChunk>,
): Promise<{ text: string; chunks: ChatCompletionChunk[] }> {
  const chunks: ChatCompletionChunk[] = [];
  let text = '';
  for await (const chunk of stream) {
    chunks.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return { text, chunks };
}

type WithExtras = {
  citations: { n: number; id: string }[];
  pymem: { answerId: string; confidence: string; followUp?: { rule: string } };
};

describe('GET /v1/models with the openai client', () => {
  it('lists the one model and retrieves it', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models).toEqual([
      { id: MODEL_ID, object: 'model', created: expect.any(Number), owned_by: 'pymem-assistant' },
    ]);
    expect((await client.models.retrieve(MODEL_ID)).id).toBe(MODEL_ID);
  });

  it('answers an unknown model with a NotFoundError the client reads', async () => {
    const error = await client.models.retrieve('gpt-4o').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error' });
    expect((error as Error).message).toContain('"pymem-assistant"');
  });
});

describe('POST /v1/chat/completions with the openai client', () => {
  it('answers the last user message, a follow-up resolved against the earlier ones', async () => {
    // `max_tokens` is deprecated by OpenAI, but it is what most clients still send: the endpoint must take it.
    const completion = await client.chat.completions.create({
      model: MODEL_ID,
      messages: conversation,
      temperature: 0.2,
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      max_tokens: 500,
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: MODEL_ID,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    // Deprecated by OpenAI but still read by clients: the endpoint keeps sending it.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(completion.system_fingerprint).toMatch(/^fp_[0-9a-f]{12}$/);
    const content = completion.choices[0]?.message.content ?? '';
    // The third answer continues on the tip the first two answered from, with what they did not say.
    expect(content).toContain("More on the guidance's **Memory Profiling Tools**");
    expect(content).not.toContain('**Memory Profiling Tools**: Use tools like `memory_profiler` and `tracemalloc`');
    expect(content).toMatch(
      /\*\*Sources\*\*\n\n1\. Memory Profiling Tools \(Monitor and Profile Memory Usage\), python-memory-guidance\.md lines \d+–\d+/,
    );
    const extras = completion as unknown as WithExtras;
    expect(extras.citations[0]).toMatchObject({ n: 1, id: 'monitor-and-profile-memory-usage--memory-profiling-tools' });
    expect(extras.pymem).toMatchObject({ confidence: 'high', followUp: { rule: 'elliptical' } });
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    expect(completion.usage?.completion_tokens).toBe(Math.ceil(content.length / 4));
  });

  it('streams the same content in chat.completion.chunk events that end with [DONE]', async () => {
    const whole = await client.chat.completions.create({ model: MODEL_ID, messages: conversation });
    const { text, chunks } = await collect(
      await client.chat.completions.create({ model: MODEL_ID, messages: conversation, stream: true }),
    );
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks.length).toBeGreaterThan(5);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === MODEL_ID)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const last = chunks.at(-1) as ChatCompletionChunk & WithExtras;
    expect(last.choices[0]).toMatchObject({ finish_reason: 'stop', delta: {} });
    expect(last.citations.map((c) => c.id)).toEqual((whole as unknown as WithExtras).citations.map((c) => c.id));
    expect(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
  });

  it('sends the usage in a last chunk with no choices when stream_options.include_usage is set', async () => {
    const { text, chunks } = await collect(
      await client.chat.completions.create({
        model: MODEL_ID,
        messages: [{ role: 'user', content: 'what is a weak reference?' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: Math.ceil(text.length / 4),
      total_tokens: 7 + Math.ceil(text.length / 4),
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('marks a low-confidence answer as such in the content', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL_ID,
      messages: [
        { role: 'user', content: 'what is a weak reference?' },
        { role: 'user', content: 'is it deprecated?' },
      ],
    });
    expect((completion as unknown as WithExtras).pymem.confidence).toBe('low');
    expect(completion.choices[0]?.message.content?.endsWith(`\n\n${LOW_CONFIDENCE_NOTE}`)).toBe(true);
  });

  it('abstains in the content on a question the guidance does not cover', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL_ID,
      messages: [{ role: 'user', content: 'how do I center a div?' }],
    });
    expect(completion.choices[0]?.message.content).toContain("doesn't cover this question");
    expect(completion).toMatchObject({
      citations: [],
      pymem: { abstained: true, abstainReason: 'out_of_scope', confidence: 'low' },
    });
  });

  it('rejects a conversation that does not end with the user, as a BadRequestError naming the field', async () => {
    const error = await client.chat.completions
      .create({
        model: MODEL_ID,
        messages: [
          { role: 'user', content: 'gc?' },
          { role: 'assistant', content: 'yes' },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'validation',
      param: 'messages.1.role',
    });
  });

  it('rejects image content and an unknown model the same way, before streaming starts', async () => {
    const image = await client.chat.completions
      .create({
        model: MODEL_ID,
        stream: true,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.dev/a.png' } }] }],
      })
      .catch((e: unknown) => e);
    expect(image).toMatchObject({ status: 400, param: 'messages.0.content' });
    expect((image as Error).message).toContain('only text content is supported');
    const model = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'gc?' }] })
      .catch((e: unknown) => e);
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('auth and rate limits as for /v1/*', () => {
  it('needs one of API_KEYS when they are set: a wrong key is an AuthenticationError', async () => {
    const baseURL = await startServer({ apiKeys: [API_KEY] });
    const wrong = await new OpenAI({ baseURL, apiKey: 'not-a-key-of-this-service', maxRetries: 0 }).models
      .list()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(wrong).toMatchObject({ status: 401, type: 'authentication_error' });
    const right = new OpenAI({ baseURL, apiKey: API_KEY, maxRetries: 0 });
    const completion = await right.chat.completions.create({
      model: MODEL_ID,
      messages: [{ role: 'user', content: 'what is a weak reference?' }],
    });
    expect(completion.choices[0]?.message.content).toContain('Weak References');
  });

  it('answers over the limit with a RateLimitError carrying Retry-After', async () => {
    const baseURL = await startServer({
      rateLimiter: createTokenBucketLimiter({ perMinute: 1 }),
      clientAddress: () => '203.0.113.7',
    });
    const limited = new OpenAI({ baseURL, apiKey: 'open', maxRetries: 0 });
    await limited.models.list();
    const error = await limited.chat.completions
      .create({ model: MODEL_ID, messages: [{ role: 'user', content: 'gc?' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limited' });
    expect(Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'))).toBeGreaterThan(
      0,
    );
  });
});
