import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/answer/llm/provider-error.js';
import {
  WorkersAiChatModel,
  type WorkersAiBinding,
  type WorkersAiTextInputs,
} from '../../../src/answer/llm/workers-ai-chat-model.js';

/**
 * Stands in for the Worker's `AI` binding, which only exists inside Cloudflare: it records calls
 * and answers in the binding's own wire formats (`{ response }`, or a text/event-stream body).
 */
function fakeBinding(answer: (inputs: WorkersAiTextInputs) => unknown) {
  const calls: { model: string; inputs: WorkersAiTextInputs; signal: AbortSignal | undefined }[] = [];
  const binding: WorkersAiBinding = {
    run: async (model, inputs, options) => {
      calls.push({ model, inputs, signal: options?.signal });
      return answer(inputs);
    },
  };
  return { binding, calls };
}

function sse(events: readonly string[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(events.map((e) => `data: ${e}\n\n`).join(''));
  // Split mid-event to prove the parser reassembles lines across chunks.
  const cut = Math.floor(bytes.length / 2);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      controller.close();
    },
  });
}

const messages = [new SystemMessage('Answer from the sources.'), new HumanMessage('How do I join strings?')];

describe('WorkersAiChatModel', () => {
  it('sends role/content messages and the limits, and reads a whole `{ response }`', async () => {
    const { binding, calls } = fakeBinding(() => ({ response: 'Use join [1].' }));
    const model = new WorkersAiChatModel({
      binding,
      model: '@cf/meta/llama-3.1-8b-instruct',
      maxTokens: 300,
      temperature: 0,
    });
    const result = await model.invoke(messages);
    expect(result.text).toBe('Use join [1].');
    expect(calls[0]).toMatchObject({
      model: '@cf/meta/llama-3.1-8b-instruct',
      inputs: {
        messages: [
          { role: 'system', content: 'Answer from the sources.' },
          { role: 'user', content: 'How do I join strings?' },
        ],
        stream: false,
        max_tokens: 300,
        temperature: 0,
      },
    });
  });

  it('streams the deltas of a text/event-stream answer, including OpenAI-shaped events', async () => {
    const { binding, calls } = fakeBinding(() =>
      sse([
        JSON.stringify({ response: 'Use ', p: 'abc' }),
        JSON.stringify({ response: '`join`' }),
        JSON.stringify({ choices: [{ delta: { content: ' [1].' } }] }),
        JSON.stringify({ response: '', usage: { prompt_tokens: 10, completion_tokens: 3 } }),
        '[DONE]',
      ]),
    );
    const model = new WorkersAiChatModel({ binding, model: '@cf/x' });
    const texts: string[] = [];
    for await (const chunk of await model.stream(messages)) texts.push(chunk.text);
    expect(texts).toEqual(['Use ', '`join`', ' [1].']);
    expect(calls[0]?.inputs.stream).toBe(true);
  });

  it('passes the abort signal to the binding', async () => {
    const { binding, calls } = fakeBinding(() => ({ response: 'ok' }));
    const controller = new AbortController();
    await new WorkersAiChatModel({ binding, model: '@cf/x' }).invoke(messages, { signal: controller.signal });
    expect(calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('classifies binding errors: capacity (3040) is retryable, a missing model is not', async () => {
    const failing = (message: string) =>
      new WorkersAiChatModel({
        binding: { run: async () => Promise.reject(new Error(message)) },
        model: '@cf/x',
        maxRetries: 0,
      });
    await expect(failing('AiError: 3040: Capacity temporarily exceeded').invoke(messages)).rejects.toMatchObject({
      name: 'ProviderError',
      status: 429,
      retryable: true,
    });
    const missing = await failing('5007: No such model @cf/x')
      .invoke(messages)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ProviderError);
    expect(missing).toMatchObject({ retryable: false });
  });

  it('rejects an answer with no text', async () => {
    const { binding } = fakeBinding(() => ({ result: 'nothing here' }));
    await expect(new WorkersAiChatModel({ binding, model: '@cf/x', maxRetries: 0 }).invoke(messages)).rejects.toThrow(
      'Workers AI answered without text.',
    );
  });
});
