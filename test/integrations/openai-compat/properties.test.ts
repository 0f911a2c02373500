import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers/built-index.js';

// Whatever a client sends, the OpenAI-compatible routes and /v1/ask with `history` answer 200 or
// a 4xx in their error shape: never a 5xx, never a crash.

const app = await testApp();
const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('why?', 'what about dicts?', '```python\nx = 1\n```', '', '   ', 'it'),
);
const content = fc.oneof(
  text,
  fc.constant(null),
  fc.array(
    fc.record({ type: fc.constantFrom('text', 'image_url', 'input_audio'), text: fc.option(text, { nil: undefined }) }),
    { maxLength: 3 },
  ),
  fc.anything(),
);
const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'developer', 'tool'), fc.string({ maxLength: 8 })),
    content,
  },
  { requiredKeys: ['role'] },
);
const chatBody = fc.oneof(
  fc.record(
    {
      model: fc.oneof(fc.constant('pymem-assistant'), fc.string({ maxLength: 12 }), fc.integer()),
      messages: fc.oneof(fc.array(message, { maxLength: 6 }), fc.anything()),
      stream: fc.oneof(fc.boolean(), fc.constant(null), fc.anything()),
      n: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.anything()),
      temperature: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const askBody = fc.record({
  question: fc.oneof(text, fc.anything()),
  history: fc.oneof(
    fc.array(
      fc.record({
        role: fc.oneof(fc.constantFrom('user', 'assistant'), fc.string({ maxLength: 5 })),
        content: fc.oneof(text, fc.anything()),
      }),
      {
        maxLength: 12,
      },
    ),
    fc.anything(),
  ),
});

describe('no input yields a 5xx', () => {
  it("on POST /v1/chat/completions, errors always in OpenAI's shape", async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        const res = await post('/v1/chat/completions', body);
        expect(res.status).toBeLessThan(500);
        const raw = await res.text();
        if (res.status >= 400)
          expect((JSON.parse(raw) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('on POST /v1/ask with history', async () => {
    await fc.assert(
      fc.asyncProperty(askBody, async (body) => {
        const res = await post('/v1/ask', body);
        expect(res.status).toBeLessThan(500);
        await res.body?.cancel();
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
