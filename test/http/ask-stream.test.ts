import { describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant.js';
import { askStreamRoutes } from '../../src/http/routes/ask.js';
import type { Logger } from '../../src/logger.js';
import { splitIntoChunks } from '../../src/http/event-stream.js';
import { parseSse } from '../helpers/sse-events.js';
import { testApp } from '../helpers/built-index.js';
import { describeAskStreamContract } from './ask-stream-contract.js';

const app = await testApp();
describeAskStreamContract('Node, app.request', async (path, init) => app.request(`http://localhost${path}`, init));

describe('POST /v1/ask/stream failures', () => {
  it('ends a stream that fails midway with an error event carrying a problem', async () => {
    const errors: unknown[] = [];
    const logger: Logger = { info: () => {}, error: (event, fields) => errors.push({ event, ...fields }) };
    const failing = {
      analyzeQuestion: async (question: unknown) => question,
      async *askStream() {
        yield { type: 'citations' as const, citations: [] };
        throw new Error('index went away');
      },
    } as unknown as Assistant;
    const routes = askStreamRoutes(failing, logger);
    const res = await routes.request('/v1/ask/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"question":"gc?"}',
    });
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['citations', 'error']);
    expect(events[1]?.data).toMatchObject({
      type: 'urn:pymem:problem:internal',
      status: 500,
      detail: expect.stringContaining('could not be completed'),
    });
    expect(errors).toEqual([expect.objectContaining({ event: 'ask_stream_failed', error: 'Error: index went away' })]);
  });
});

describe('splitIntoChunks', () => {
  it('cuts at white space into pieces of about the size, losing nothing', () => {
    const text =
      'The guidance has **2 tips** on this:\n\n- **Weak References**: use `weakref.ref` [1]\n\n```python\nimport weakref\n```';
    const chunks = splitIntoChunks(text, 16);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks.slice(0, -1)) expect(chunk).toMatch(/\s$/);
  });
  it('keeps a word longer than the size whole, and handles empty and blank text', () => {
    expect(splitIntoChunks('a verylongidentifier_name b', 5)).toEqual(['a ', 'verylongidentifier_name ', 'b']);
    expect(splitIntoChunks('')).toEqual([]);
    expect(splitIntoChunks('  \n')).toEqual(['  \n']);
  });
});
