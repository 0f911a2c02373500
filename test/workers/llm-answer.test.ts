import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import type { WorkersAiBinding, WorkersAiTextInputs } from '../../src/answer/llm/workers-ai-chat-model.js';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromAssets } from '../../src/platform/worker/assets-index.js';
import { BUNDLED_PROMPTS, createWorkerLlm } from '../../src/platform/worker/llm.js';

/**
 * LLM mode inside workerd: LangChain's chain, the prompts bundled as text modules, and the Workers
 * AI adapter. The `AI` binding itself only exists on Cloudflare, so this one answers in its wire
 * format (a text/event-stream of `{ response }` events) and records what it was sent.
 */
function streamingAi(text: string) {
  const calls: WorkersAiTextInputs[] = [];
  const binding: WorkersAiBinding = {
    run: async (_model, inputs) => {
      calls.push(inputs);
      const events = (text.match(/\s*\S+\s*/g) ?? []).map((w) => `data: ${JSON.stringify({ response: w })}\n\n`);
      return new Response([...events, 'data: [DONE]\n\n'].join('')).body;
    },
  };
  return { binding, calls };
}

async function appWith(binding: WorkersAiBinding) {
  const llm = createWorkerLlm({ LLM_PROVIDER: 'workers-ai', LLM_MODEL: '@cf/meta/llama-3.1-8b-instruct', AI: binding });
  return createApp({ index: await loadIndexFromAssets(env.ASSETS), logger: silentLogger, llm });
}

const ask = (app: Awaited<ReturnType<typeof appWith>>, path: string, question: string) =>
  app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });

describe('LLM mode in workerd (workers-ai provider)', () => {
  it('bundles the prompt files as text', () => {
    expect(BUNDLED_PROMPTS.system).toContain('using ONLY the numbered sources');
    expect(BUNDLED_PROMPTS.answer).toContain('{{question}}');
    expect(BUNDLED_PROMPTS.snippetReview).toContain('{{snippet}}');
  });

  it('is off without LLM_PROVIDER', () => {
    expect(createWorkerLlm({})).toBeUndefined();
  });

  it('answers /v1/ask through the AI binding, grounded', async () => {
    const { binding, calls } = streamingAi("Join the parts once with `''.join(strings)` [1].");
    const answer = (await (
      await ask(await appWith(binding), '/v1/ask', 'how do I build a big string efficiently?')
    ).json()) as Answer;
    expect(answer.mode).toBe('llm');
    expect(answer.citations.map((c) => c.n)).toEqual([1]);
    expect(calls[0]?.stream).toBe(true);
    expect(calls[0]?.messages[0]).toEqual({ role: 'system', content: BUNDLED_PROMPTS.system });
    expect(calls[0]?.messages[1]?.content).toContain(
      '<question>\nhow do I build a big string efficiently?\n</question>',
    );
  });

  it('streams the tokens over /v1/ask/stream and falls back when the answer is ungrounded (workers-ai)', async () => {
    const { binding } = streamingAi('Strings are immutable [9].');
    const res = await ask(await appWith(binding), '/v1/ask/stream', 'how do I build a big string efficiently?');
    const text = await res.text();
    expect(text).toContain('event: delta\ndata: {"text":"Strings "}');
    const done = text.split('\n\n').find((block) => block.startsWith('event: done'));
    const answer = JSON.parse(done?.split('\ndata: ')[1] ?? '{}') as Answer;
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'unknown_citation' });
  });
});

describe('LLM mode in workerd (openai-compatible, @langchain/openai over real HTTP to the stub on 127.0.0.1)', () => {
  const app = async () => {
    const llm = createWorkerLlm({
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: inject('openaiStubUrl'),
      LLM_MODEL: 'stub-model',
    });
    return createApp({ index: await loadIndexFromAssets(env.ASSETS), logger: silentLogger, llm });
  };

  it('answers /v1/ask grounded', async () => {
    const answer = (await (
      await ask(await app(), '/v1/ask', 'how do I build a big string efficiently?')
    ).json()) as Answer;
    expect(answer).toMatchObject({ mode: 'llm', abstained: false });
    expect(answer.answer.startsWith("Join the parts once with `''.join(strings)` [1].")).toBe(true);
  });

  it('streams tokens over /v1/ask/stream, and falls back on a made-up citation', async () => {
    const text = await (
      await ask(await app(), '/v1/ask/stream', 'how do I build a big string efficiently? ungrounded please')
    ).text();
    expect(text).toContain('event: delta\ndata: {"text":"Use "}');
    const done = text.split('\n\n').find((block) => block.startsWith('event: done'));
    expect(JSON.parse(done?.split('\ndata: ')[1] ?? '{}')).toMatchObject({
      mode: 'extractive',
      fallbackReason: 'unknown_citation',
    });
  });
});
