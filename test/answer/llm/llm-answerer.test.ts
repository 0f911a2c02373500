import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../../src/answer/answer-events.js';
import { ASSUMED_PYTHON_NOTE, withAssumedPython } from '../../../src/answer/assumed-python.js';
import { TRIAGE_NOTE, withTriageNote } from '../../../src/answer/report-triage.js';
import type { LlmLimits } from '../../../src/answer/llm/llm-config.js';
import { createLlmAnswerer } from '../../../src/answer/llm/llm-answerer.js';
import type { Answer, Question } from '../../../src/answer/types.js';
import { loadPromptFiles } from '../../../src/platform/node/llm.js';
import { recordingLogger, retrievedFor, TEST_LIMITS } from './fixtures.js';

const prompts = await loadPromptFiles(fileURLToPath(new URL('../../../prompts/', import.meta.url)));
const TITLES = ['String Concatenation', 'Interning Strings'];

function answererWith(
  model: BaseChatModel,
  options: { titles?: string[]; limits?: Partial<LlmLimits>; assumedPython?: boolean; triage?: boolean } = {},
) {
  const logger = recordingLogger();
  const answerer = createLlmAnswerer({
    llm: {
      provider: 'openai-compatible',
      modelName: 'fake',
      model,
      prompts,
      limits: { ...TEST_LIMITS, ...options.limits },
    },
    retrieve: async (question: Question) => {
      const retrieved = retrievedFor(question, options.titles ?? TITLES);
      if (options.triage)
        return { ...retrieved, extractive: { ...retrieved.extractive, ...withTriageNote(retrieved.extractive) } };
      return options.assumedPython
        ? { ...retrieved, extractive: { ...retrieved.extractive, ...withAssumedPython(retrieved.extractive) } }
        : retrieved;
    },
    logger,
  });
  return { answerer, logger };
}

async function run(model: BaseChatModel, question: Question, options?: Parameters<typeof answererWith>[1]) {
  const { answerer, logger } = answererWith(model, options);
  const events: AnswerEvent[] = [];
  for await (const event of answerer.stream(question)) events.push(event);
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error('no done event');
  const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
  return { events, answer: done.answer, streamed, logs: logger.entries };
}

const extractiveFor = (question: string): Answer => retrievedFor({ question }, TITLES).extractive;

describe('LLM answers (fake chat models)', () => {
  it('keeps a grounded answer: mode llm, only the cited sources, a Sources list, the cited examples', async () => {
    const text =
      "Join the pieces once: `''.join(strings)` [1].\n\n```python\nstrings = ['a', 'b', 'c']\nresult = ''.join(strings)\n```";
    const { events, answer, streamed, logs } = await run(new FakeListChatModel({ responses: [text] }), {
      question: 'big strings?',
    });

    expect(events[0]).toEqual({
      type: 'citations',
      citations: extractiveFor('big strings?').citations,
      coverage: 'answer',
    });
    expect(answer.mode).toBe('llm');
    expect(answer.fallbackReason).toBeUndefined();
    expect(answer.citations.map((c) => [c.n, c.title])).toEqual([[1, 'String Concatenation']]);
    expect(answer.examples.map((e) => e.citation)).toEqual(['optimize-string-usage--string-concatenation']);
    expect(answer.answer).toBe(
      `${text}\n\n**Sources**\n\n1. String Concatenation (Optimize String Usage), python-memory-guidance.md lines 78–82`,
    );
    expect(streamed).toBe(answer.answer);
    expect(answer.answerId).toBe('answer-under-test');
    expect(logs.map((l) => l.event)).toEqual(['llm_answer']);
  });

  // The extractive answer's notes come after the model's text, which streams first.
  it.each([
    { says: 'it read a question naming no language as Python', flag: 'assumedPython', note: ASSUMED_PYTHON_NOTE },
    { says: 'no tip clearly matches a long report', flag: 'triage', note: TRIAGE_NOTE },
  ] as const)('says, as the extractive answer does, that $says', async ({ flag, note }) => {
    const text = "Join the pieces once: `''.join(strings)` [1].";
    const { answer, streamed } = await run(
      new FakeListChatModel({ responses: [text] }),
      { question: 'big strings?' },
      { [flag]: true },
    );
    expect(answer).toMatchObject({ mode: 'llm', [flag]: true });
    expect(answer.answer).toBe(
      `${text}\n\n${note}\n\n**Sources**\n\n1. String Concatenation (Optimize String Usage), python-memory-guidance.md lines 78–82`,
    );
    expect(streamed).toBe(answer.answer);
  });

  it("keeps the text's numbers: citing only [2] gives the citation with n 2", async () => {
    const { answer } = await run(
      new FakeListChatModel({ responses: ['Intern repeated strings with `sys.intern()` [2].'] }),
      { question: 'intern?' },
    );
    expect(answer.mode).toBe('llm');
    expect(answer.citations.map((c) => c.n)).toEqual([2]);
    expect(answer.answer).toContain('**Sources**\n\n2. Interning Strings');
  });

  it('falls back to the extractive answer when the model cites a source it was not given', async () => {
    const { answer, logs } = await run(new FakeListChatModel({ responses: ['Use a memory pool [7].'] }), {
      question: 'pools?',
    });
    expect(answer).toEqual({ ...extractiveFor('pools?'), mode: 'extractive', fallbackReason: 'unknown_citation' });
    expect(logs).toContainEqual({
      level: 'info',
      event: 'llm_fallback',
      fields: expect.objectContaining({
        reason: 'unknown_citation',
        detail: 'The answer cites [7], but the sources given were [1]..[2].',
      }),
    });
  });

  it('falls back when the answer cites nothing', async () => {
    const { answer } = await run(new FakeListChatModel({ responses: ['Just use join.'] }), { question: 'strings?' });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'no_citations', abstained: false });
  });

  it('never streams the UNSUPPORTED flag, and falls back', async () => {
    const { events, answer } = await run(new FakeListChatModel({ responses: ['UNSUPPORTED'] }), { question: 'numpy?' });
    expect(events.filter((e) => e.type === 'delta')).toEqual([]);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'unsupported' });
  });

  it('does not ask the model when retrieval found nothing relevant', async () => {
    const model = new FakeListChatModel({ responses: ['should not be used [1]'] });
    const { answer, logs } = await run(model, { question: 'capital of France?' }, { titles: [] });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'no_sources', abstained: true });
    expect(model.i).toBe(0);
    expect(logs).toEqual([]);
  });

  it('falls back and logs when the provider fails, even after text was streamed', async () => {
    const chunks = [new AIMessageChunk('Use join [1]'), new AIMessageChunk(' and more')];
    const model = new FakeStreamingChatModel({ chunks, sleep: 1, thrownErrorString: 'provider exploded' });
    const { answer, logs } = await run(model, { question: 'strings?' });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'provider_error' });
    expect(logs).toContainEqual({
      level: 'error',
      event: 'llm_failed',
      fields: expect.objectContaining({ reason: 'provider_error', error: 'Error: provider exploded' }),
    });
  });

  it('falls back with reason timeout when the answer takes longer than its budget', async () => {
    const slow = new FakeListChatModel({ responses: ['Use join [1]. '.repeat(20)], sleep: 20 });
    const started = Date.now();
    const { answer, streamed, logs } = await run(slow, { question: 'strings?' }, { limits: { timeoutMs: 150 } });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'timeout' });
    expect(streamed.length).toBeGreaterThan(0); // some text was on its way; `done` replaces it
    expect(logs.find((l) => l.event === 'llm_failed')?.fields.reason).toBe('timeout');
  });

  it('stops quietly, with no done event, when the caller goes away', async () => {
    const { answerer } = answererWith(new FakeListChatModel({ responses: ['Use join [1]. '.repeat(50)], sleep: 5 }));
    const controller = new AbortController();
    const events: AnswerEvent[] = [];
    for await (const event of answerer.stream({ question: 'strings?' }, { signal: controller.signal })) {
      events.push(event);
      if (events.length === 5) controller.abort();
    }
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });
});
