import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../../src/answer/types.js';
import { llmConfigSchema } from '../../../src/answer/llm/llm-config.js';
import { createLlmAnswerer } from '../../../src/answer/llm/llm-answerer.js';
import { chatModelFactories } from '../../../src/answer/llm/chat-models.js';
import { createLlmSetup } from '../../../src/answer/llm/providers.js';
import { parseConfig } from '../../../src/config.js';
import { loadPromptFiles } from '../../../src/platform/node/llm.js';
import { recordingLogger, retrievedFor } from './fixtures.js';

/** A minimal Anthropic Messages API on 127.0.0.1: `POST /v1/messages` streamed as Anthropic's SSE events. */
type Reply = { text: string } | { status: number };
const replies: Reply[] = [];
const received: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  received.push({
    headers: req.headers,
    body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
  });
  const reply = replies.shift() ?? { status: 500 };
  if ('status' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('message_start', {
    message: {
      id: 'msg_stub',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-stub',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 1 },
    },
  });
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (const word of reply.text.match(/\s*\S+\s*/g) ?? [])
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } });
  send('content_block_stop', { index: 0 });
  send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } });
  send('message_stop', {});
  res.end();
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  replies.length = 0;
  received.length = 0;
});

const prompts = await loadPromptFiles(fileURLToPath(new URL('../../../prompts/', import.meta.url)));

async function ask(question: Question) {
  const config = parseConfig(llmConfigSchema, {
    LLM_PROVIDER: 'anthropic',
    LLM_MODEL: 'claude-stub',
    LLM_API_KEY: 'sk-ant-test',
    LLM_BASE_URL: baseUrl,
    LLM_MAX_TOKENS: '500',
  });
  const llm = createLlmSetup(config, prompts, { factories: chatModelFactories(), platform: 'Node' });
  if (!llm) throw new Error('LLM mode is off');
  const answerer = createLlmAnswerer({
    llm: { ...llm, limits: { ...llm.limits, retryBaseDelayMs: 5, maxRetryDelayMs: 20 } },
    retrieve: async (q: Question) => retrievedFor(q, ['String Concatenation']),
    logger: recordingLogger(),
  });
  let deltas = 0;
  for await (const event of answerer.stream(question)) {
    if (event.type === 'delta') deltas += 1;
    if (event.type === 'done') return { answer: event.answer, deltas };
  }
  throw new Error('no done event');
}

describe('LLM mode through Anthropic (Messages API stub on 127.0.0.1)', () => {
  it("streams a grounded answer, with the system prompt as Anthropic's `system` field", async () => {
    replies.push({ text: "Collect the parts and call `''.join(parts)` once [1]." });
    const { answer, deltas } = await ask({ question: 'fast string building?' });
    expect(answer.mode).toBe('llm');
    expect(deltas).toBeGreaterThan(3);
    expect(received[0]?.headers['x-api-key']).toBe('sk-ant-test');
    expect(received[0]?.body).toMatchObject({
      model: 'claude-stub',
      max_tokens: 500,
      stream: true,
      system: prompts.system,
    });
    const [message] = received[0]?.body.messages as { role: string; content: string }[];
    expect(message?.role).toBe('user');
    expect(JSON.stringify(message?.content)).toContain('<question>\\nfast string building?\\n</question>');
  });

  it("retries Anthropic's overloaded 529, then falls back after the retries", async () => {
    replies.push({ status: 529 }, { status: 529 }, { status: 529 });
    const { answer } = await ask({ question: 'fast string building?' });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'provider_error' });
    expect(received).toHaveLength(3);
  });
});
