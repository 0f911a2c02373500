import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { llmConfigSchema } from '../../../src/answer/llm/llm-config.js';
import { chatModelFactories } from '../../../src/answer/llm/chat-models.js';
import { createLlmSetup } from '../../../src/answer/llm/providers.js';
import type { Answer } from '../../../src/answer/types.js';
import { createApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { loadPromptFiles } from '../../../src/platform/node/llm.js';
import { builtIndex, testApp } from '../../helpers/built-index.js';
import { messageText, startOpenAiStub } from '../../helpers/openai-stub.js';
import { recordingLogger } from './fixtures.js';

const stub = await startOpenAiStub();
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const prompts = await loadPromptFiles(fileURLToPath(new URL('../../../prompts/', import.meta.url)));
const llm = createLlmSetup(
  parseConfig(llmConfigSchema, {
    LLM_PROVIDER: 'openai-compatible',
    LLM_BASE_URL: stub.baseUrl,
    LLM_MODEL: 'stub-model',
    LLM_TIMEOUT_MS: '2000',
  }),
  prompts,
  { factories: chatModelFactories(), platform: 'Node' },
);
if (!llm) throw new Error('LLM mode is off');
const logger = recordingLogger();
const app = createApp({
  index: await builtIndex(),
  logger,
  llm: { ...llm, limits: { ...llm.limits, retryBaseDelayMs: 5, maxRetryDelayMs: 20 } },
});
const extractiveApp = await testApp();

const QUESTION = 'how do I build a big string efficiently?';
const post = (target: { request: typeof app.request }, path: string, body: object) =>
  target.request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}
async function sseEvents(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}
const withoutId = ({ answerId: _id, ...rest }: Answer) => rest;

describe('LLM mode over HTTP (app with an OpenAI-compatible provider on the 127.0.0.1 stub)', () => {
  it('POST /v1/ask answers with mode "llm", citing what the text cites', async () => {
    const extractive = (await (await post(extractiveApp, '/v1/ask', { question: QUESTION })).json()) as Answer;
    const best = extractive.citations[0];
    stub.enqueue({ content: `Collect the pieces in a list and join them once with \`''.join(strings)\` [1].` });

    const res = await post(app, '/v1/ask', { question: QUESTION });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer).toMatchObject({ mode: 'llm', abstained: false });
    expect(answer.fallbackReason).toBeUndefined();
    expect(answer.citations).toEqual([best]);
    expect(answer.answer).toContain(`**Sources**\n\n1. ${best?.title} (${best?.section})`);
    expect(messageText(stub.requests[0], 'user')).toContain(`<source n="1" title="${best?.title}"`);
  });

  it('a question in Chinese: the model gets the English sources the glossary found, the question as written and the rule to answer in its language', async () => {
    const question = '为什么删除大列表后内存不释放？';
    const extractive = (await (await post(extractiveApp, '/v1/ask', { question })).json()) as Answer;
    expect(extractive.abstained).toBe(false);
    const best = extractive.citations[0];
    stub.enqueue({ content: `CPython 的小对象分配器保留已释放的内存以便重用 [1]。` });

    const answer = (await (await post(app, '/v1/ask', { question })).json()) as Answer;
    expect(answer).toMatchObject({ mode: 'llm', abstained: false });
    expect(answer.citations[0]).toEqual(best);
    expect(answer.answer).toContain('CPython 的小对象分配器保留已释放的内存以便重用 [1]。');
    expect(messageText(stub.requests[0], 'system')).toContain('Answer in the language the question is written in.');
    const user = messageText(stub.requests[0], 'user');
    expect(user).toContain(`<source n="1" title="${best?.title}"`);
    // As the user wrote it: the glossary's English line is for search, not for the model to answer.
    expect(user).toContain(`<question>\n${question}\n</question>`);
  });

  it('POST /v1/ask falls back to the same answer the extractive service gives, saying why', async () => {
    stub.enqueue({ content: 'Use a rope data structure [7].' });
    const answer = (await (await post(app, '/v1/ask', { question: QUESTION })).json()) as Answer;
    const extractive = (await (await post(extractiveApp, '/v1/ask', { question: QUESTION })).json()) as Answer;
    expect(withoutId(answer)).toEqual({ ...withoutId(extractive), fallbackReason: 'unknown_citation' });
    expect(extractive.mode).toBe('extractive');
    expect(extractive.fallbackReason).toBeUndefined();
  });

  it('POST /v1/ask still answers (extractively) when the provider is down', async () => {
    stub.setDefault({ status: 503 });
    const res = await post(app, '/v1/ask', { question: QUESTION });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: 'extractive', fallbackReason: 'provider_error', abstained: false });
    expect(stub.requests).toHaveLength(3);
    expect(logger.entries.some((e) => e.event === 'llm_failed' && e.fields.status === 503)).toBe(true);
  });

  it("POST /v1/ask/stream streams the model's tokens, then `done` with the full answer", async () => {
    const text = "Collect the pieces in a list and join them once with `''.join(strings)` [1].";
    stub.enqueue({ content: text });
    const res = await post(app, '/v1/ask/stream', { question: QUESTION });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await sseEvents(res);

    expect(events[0]?.event).toBe('citations');
    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(5);
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    const answer = done?.data as Answer;
    expect(answer.mode).toBe('llm');
    expect(deltas.join('')).toBe(answer.answer);
    expect(answer.answer.startsWith(text)).toBe(true);
  });

  it('POST /v1/ask/stream: when grounding fails after streaming, `done` carries the extractive answer to show instead', async () => {
    stub.enqueue({ content: 'Strings are immutable, so concatenation copies them.' });
    const events = await sseEvents(await post(app, '/v1/ask/stream', { question: QUESTION }));
    const streamed = events
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(streamed).toBe('Strings are immutable, so concatenation copies them.');
    const answer = events.at(-1)?.data as Answer;
    expect(events.at(-1)?.event).toBe('done');
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'no_citations' });
    expect(answer.answer).not.toContain('immutable');
  });

  it("reviews pasted code with the snippet-review prompt, giving the model the analyzer's findings", async () => {
    stub.enqueue({ content: 'Line 3 grows a string with `+=` in a loop; build a list and `join` it once [1].' });
    const snippet = 'parts = ""\nfor word in words:\n    parts += word\n';
    const answer = (await (await post(app, '/v1/ask', { question: 'is this loop ok?', snippet })).json()) as Answer & {
      findings?: unknown[];
    };
    expect(answer.mode).toBe('llm');
    expect(answer.findings?.length).toBeGreaterThan(0); // the analyzer's findings stay in the LLM answer
    const user = messageText(stub.requests[0], 'user');
    expect(user).toContain(`<snippet language="python">\n${snippet.trimEnd()}\n</snippet>`);
    expect(user).toMatch(/<findings>\n- line 3 \([a-z-]+\): .+ \[1\]/);
  });

  it('abstains without asking the model when nothing relevant is retrieved', async () => {
    const answer = (await (
      await post(app, '/v1/ask', { question: 'what is the capital of France?' })
    ).json()) as Answer;
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'no_sources', abstained: true });
    expect(stub.requests).toHaveLength(0);
  });
});
