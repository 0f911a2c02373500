import { describe, expect, it } from 'vitest';
import { parseSse } from '../helpers/sse-events.js';
import type { Fetcher } from './contract.js';

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

interface Done {
  answerId: string;
  answer: string;
  abstained: boolean;
  citations: { n: number; id: string }[];
  examples: unknown[];
}

/** `POST /v1/ask/stream` (issue #5), run against Node and against workerd. */
export function describeAskStreamContract(name: string, fetcher: Fetcher) {
  describe(`POST /v1/ask/stream (${name})`, () => {
    it('streams citations, then the markdown in pieces, then the whole /v1/ask answer', async () => {
      const res = await fetcher('/v1/ask/stream', post({ question: 'how do I build a big string efficiently?' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const events = parseSse(await res.text());
      const kinds = events.map((e) => e.event);
      expect(kinds[0]).toBe('citations');
      expect(kinds.at(-1)).toBe('done');
      expect(kinds.slice(1, -1).every((k) => k === 'delta')).toBe(true);
      expect(kinds.length).toBeGreaterThan(10);

      const done = events.at(-1)?.data as Done;
      const text = events
        .filter((e) => e.event === 'delta')
        .map((e) => (e.data as { text: string }).text)
        .join('');
      expect(text).toBe(done.answer);
      expect(done.answer).toContain("''.join(strings)");
      expect(done.answerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(done.abstained).toBe(false);
      expect((events[0]?.data as { citations: unknown }).citations).toEqual(done.citations);
      expect(done.citations[0]).toMatchObject({ n: 1, id: 'optimize-string-usage--string-concatenation' });
    });

    it('streams an abstention the same way', async () => {
      const res = await fetcher('/v1/ask/stream', post({ question: 'what is the capital of France?' }));
      const events = parseSse(await res.text());
      expect(events[0]).toEqual({ event: 'citations', data: { citations: [], coverage: 'none' } });
      expect(events.at(-1)?.data).toMatchObject({ abstained: true, citations: [], examples: [], coverage: 'none' });
    });

    it('says up front when only related tips touch the question (coverage related)', async () => {
      const res = await fetcher('/v1/ask/stream', post({ question: 'Async generators are not garbage collected' }));
      const events = parseSse(await res.text());
      expect(events[0]).toMatchObject({
        event: 'citations',
        data: { citations: [], coverage: 'related', related: [expect.objectContaining({ id: expect.any(String) })] },
      });
      expect(events.at(-1)?.data).toMatchObject({ abstained: true, coverage: 'related', confidence: 'low' });
    });

    it('answers a bad request with a plain problem+json before any stream', async () => {
      const res = await fetcher('/v1/ask/stream', post({ question: '' }));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({
        type: 'urn:pymem:problem:validation',
        detail: 'question: question must not be empty',
      });
      const wrongType = await fetcher('/v1/ask/stream', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'hi',
      });
      expect(wrongType.status).toBe(415);
      const get = await fetcher('/v1/ask/stream');
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    });
  });
}
