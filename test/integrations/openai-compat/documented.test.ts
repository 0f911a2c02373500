import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  chatCompletionSchema,
  modelListSchema,
  modelSchema,
  openAiErrorSchema,
} from '../../../src/integrations/openai-compat/openapi.js';
import { answerSchema } from '../../../src/http/openapi/schemas.js';
import { testApp } from '../../helpers/built-index.js';

// What the routes send is exactly what the OpenAPI document describes (no field more or less).

const app = await testApp();
const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const expectDocumented = (schema: z.ZodType, body: unknown) => expect(schema.parse(body)).toEqual(body);
const followUp = [
  { role: 'user', content: 'are tuples smaller than lists?' },
  { role: 'assistant', content: '…' },
  { role: 'user', content: 'what about dicts?' },
];

describe('documented responses', () => {
  it('of the models routes', async () => {
    expectDocumented(modelListSchema, await (await app.request('/v1/models')).json());
    expectDocumented(modelSchema, await (await app.request('/v1/models/pymem-assistant')).json());
    expectDocumented(openAiErrorSchema, await (await app.request('/v1/models/gpt-4o')).json());
  });

  it('of chat completions: an answer, a low-confidence one, an abstention, an error', async () => {
    expectDocumented(
      chatCompletionSchema,
      await (await post('/v1/chat/completions', { model: 'pymem-assistant', messages: followUp })).json(),
    );
    const low = [
      { role: 'user', content: 'what is a weak reference?' },
      { role: 'user', content: 'is it thread safe?' },
    ];
    expectDocumented(
      chatCompletionSchema,
      await (await post('/v1/chat/completions', { model: 'pymem-assistant', messages: low })).json(),
    );
    expectDocumented(
      chatCompletionSchema,
      await (
        await post('/v1/chat/completions', { model: 'pymem-assistant', messages: [{ role: 'user', content: 'why?' }] })
      ).json(),
    );
    expectDocumented(
      openAiErrorSchema,
      await (await post('/v1/chat/completions', { model: 'pymem-assistant', messages: [] })).json(),
    );
  });

  it('of chat completions and /v1/ask that abstain for another runtime or list related tips', async () => {
    for (const content of [
      'How do I increase the Java heap size with -Xmx?',
      'Async generators are not garbage collected',
    ]) {
      const completion = (await (
        await post('/v1/chat/completions', { model: 'pymem-assistant', messages: [{ role: 'user', content }] })
      ).json()) as {
        pymem: { coverage: string };
      };
      expectDocumented(chatCompletionSchema, completion);
      expect(['none', 'related']).toContain(completion.pymem.coverage);
      expectDocumented(answerSchema, await (await post('/v1/ask', { question: content })).json());
    }
  });

  it('of /v1/ask with history', async () => {
    const body = (await (
      await post('/v1/ask', { question: 'what about dicts?', history: followUp.slice(0, 2) })
    ).json()) as { followUp?: unknown };
    expect(body.followUp).toBeDefined();
    expectDocumented(answerSchema, body);
  });
});
