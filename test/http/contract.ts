import { describe, expect, it } from 'vitest';

/** Sends a request to the service under test: `app.request` on Node, the Worker's fetch in workerd. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function expectProblem(res: Response, status: number, detail?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; detail: string };
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:pymem:problem:/), title: expect.any(String) });
  expect(body.detail.length).toBeGreaterThan(0);
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}

/** The user's guidance as `/healthz` and `/v1/tips` list it: its sha256 is that of the file given, unchanged. */
export const GUIDANCE_FILE_ENTRY = {
  name: 'python-memory-guidance.md',
  kind: 'markdown',
  sha256: '8d4b0bf39df1464499e07dba989583ae6d4f32accc9a00211aed59bb70de6406',
  bytes: 4475,
  units: 16,
  extensions: 0,
  primary: true,
} as const;

/** The public HTTP contract (issue #2), run against Node and against workerd. */
export function describeHttpContract(name: string, fetcher: Fetcher) {
  describe(`HTTP contract (${name})`, () => {
    it('GET /healthz reports the loaded index', async () => {
      const res = await fetcher('/healthz');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { tips: number; files: { name: string; sha256: string }[] };
      expect(body).toEqual({
        status: 'ok',
        tips: expect.any(Number),
        embedder: expect.any(String),
        knowledgeHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        files: expect.any(Array),
        storage: expect.objectContaining({ status: expect.stringMatching(/^(ok|off)$/) }),
      });
      expect(res.headers.get('x-request-id')).toBeTruthy();
      // Every knowledge file with its hash, the guidance first: the one given, byte for byte.
      expect(body.files[0]).toEqual({ ...GUIDANCE_FILE_ENTRY, enabled: true });
      expect(body.files.map((f) => f.name)).toEqual([
        'python-memory-guidance.md',
        'python-memory-companion.md',
        'python-memory-companion.search.json',
        'python-memory-guidance.examples.json',
        'python-memory-guidance.search.json',
      ]);
      expect(body.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
      const { tips } = (await (await fetcher('/v1/tips')).json()) as { tips: unknown[] };
      expect(body.tips).toBe(tips.length);
    });

    it('POST /v1/search returns scored tips with text, code and source', async () => {
      const res = await fetcher('/v1/search', json({ query: 'weakref.ref', k: 2 }));
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: Record<string, unknown>[] };
      expect(results).toHaveLength(2);
      expect(results[0]).toEqual({
        id: 'avoid-memory-leaks--weak-references',
        title: 'Weak References',
        section: 'Avoid Memory Leaks',
        score: expect.any(Number),
        text: expect.stringContaining('weak references'),
        examples: expect.arrayContaining([
          {
            language: 'python',
            code: expect.stringContaining('weakref.ref(obj)'),
            source: { file: 'python-memory-guidance.md', lineStart: 46, lineEnd: 54 },
          },
        ]),
        source: { file: 'python-memory-guidance.md', lineStart: 45, lineEnd: 54 },
      });
    });

    it('POST /v1/search defaults k to 5', async () => {
      const res = await fetcher('/v1/search', json({ query: 'memory' }));
      const { results } = (await res.json()) as { results: unknown[] };
      expect(results).toHaveLength(5);
    });

    it('POST /v1/ask answers with the tip, its example and a citation', async () => {
      const res = await fetcher('/v1/ask', json({ question: 'how do I build a big string efficiently?' }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        answer: string;
        abstained: boolean;
        citations: { n: number; id: string; title: string; section: string; score: number; source: unknown }[];
        examples: { language: string; code: string; citation: string }[];
      };
      expect(body.abstained).toBe(false);
      expect(body.answer).toContain("''.join(strings)");
      expect(body.citations[0]).toEqual({
        n: 1,
        id: 'optimize-string-usage--string-concatenation',
        title: 'String Concatenation',
        section: 'Optimize String Usage',
        score: expect.any(Number),
        source: { file: 'python-memory-guidance.md', lineStart: 78, lineEnd: 82 },
        // "how do I …" asks for the `how`: the tip's text and the companion's how, each with its lines.
        quoted: [
          { part: 'text', source: { file: 'python-memory-guidance.md', lineStart: 78, lineEnd: 82 } },
          {
            part: 'how',
            source: { file: 'python-memory-companion.md', lineStart: expect.any(Number), lineEnd: expect.any(Number) },
          },
        ],
      });
      expect(body).toMatchObject({ facet: 'how' });
      expect(body.examples[0]).toEqual({
        language: 'python',
        code: "strings = ['a', 'b', 'c']\nresult = ''.join(strings)",
        citation: 'optimize-string-usage--string-concatenation',
        source: { file: 'python-memory-guidance.md', lineStart: expect.any(Number), lineEnd: expect.any(Number) },
      });
    });

    it('POST /v1/ask abstains when the guidance does not cover the question', async () => {
      const res = await fetcher('/v1/ask', json({ question: 'how do I center a div?' }));
      expect(await res.json()).toMatchObject({
        abstained: true,
        citations: [],
        examples: [],
        confidence: 'low',
        abstainReason: 'out_of_scope',
        coverage: 'none',
      });
    });

    it('POST /v1/ask says why: another runtime, no memory angle, or only related tips', async () => {
      const ask = async (question: string) => (await fetcher('/v1/ask', json({ question }))).json();
      expect(await ask('How do I increase the Java heap size with -Xmx?')).toMatchObject({
        abstained: true,
        coverage: 'none',
        abstainReason: 'other_runtime',
        confidence: 'low',
        citations: [],
      });
      expect(await ask('How do I split a list into equally sized chunks?')).toMatchObject({
        abstained: true,
        coverage: 'none',
        abstainReason: 'not_memory',
        confidence: 'low',
        citations: [],
      });
      const related = (await ask('Async generators are not garbage collected')) as { related: { id: string }[] };
      expect(related).toMatchObject({ abstained: true, coverage: 'related', confidence: 'low', citations: [] });
      expect(related.related.length).toBeGreaterThanOrEqual(1);
      expect(related.related.length).toBeLessThanOrEqual(2);
    });

    it('POST /v1/ask accepts a snippet and k', async () => {
      const res = await fetcher(
        '/v1/ask',
        json({ question: 'why is this slow?', snippet: 's = ""\nfor p in parts:\n    s += p\n', k: 1 }),
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { citations: unknown[] };
      expect(body.citations.length).toBeLessThanOrEqual(1);
    });

    it("POST /v1/ask reads the snippet's language when the client names it (an editor's language id)", async () => {
      const ask = async (body: object) => {
        const res = await fetcher('/v1/ask', json(body));
        expect(res.status).toBe(200);
        return (await res.json()) as { abstainReason?: string; findings?: unknown[] };
      };
      const code = 'var cache = map[string][]byte{}';
      const go = await ask({ question: 'does this cache grow forever?', snippet: code, snippetLanguage: 'go' });
      expect(go).toMatchObject({ abstained: true, abstainReason: 'other_runtime' });
      // Not Python: not analyzed, so no findings at all.
      expect(go.findings).toBeUndefined();
      const python = { question: 'does this cache grow forever?', snippet: 'cache = {}\n', snippetLanguage: 'python' };
      expect(await ask(python)).toMatchObject({ abstained: false, coverage: 'answer' });
    });

    it('POST /v1/ask resolves a follow-up against its history and says how sure it is', async () => {
      const history = [
        { role: 'user', content: 'are tuples smaller than lists?' },
        { role: 'assistant', content: 'The guidance covers this under **Use Built-in Data Structures Wisely** …' },
      ];
      const res = await fetcher('/v1/ask', json({ question: 'what about dicts?', history }));
      expect(res.status).toBe(200);
      const followUp = (await res.json()) as { citations: unknown[] };
      expect(followUp).toMatchObject({
        abstained: false,
        coverage: 'answer',
        // Calibrated (src/answer/calibration.json): its best score, about 0.73, is under `high` (0.85) and well over `medium`.
        confidence: 'medium',
        followUp: { rule: 'continuation', searchedFor: 'what about dicts?\nare tuples smaller than lists?' },
      });
      expect(followUp.citations[0]).toMatchObject({
        n: 1,
        id: 'use-built-in-data-structures-wisely--list-and-dictionary-sizes',
      });
      const first = (await (await fetcher('/v1/ask', json({ question: 'why?' }))).json()) as {
        abstained: boolean;
        abstainReason: string;
      };
      expect(first).toMatchObject({ abstained: true, abstainReason: 'empty_question', confidence: 'low' });
    });

    it('GET /v1/tips lists every tip; GET /v1/tips/:id returns one', async () => {
      const list = (await (await fetcher('/v1/tips')).json()) as {
        tips: { id: string; file: string; facets: string[] }[];
        files: unknown[];
      };
      // The guidance's 16 tips first, then the companion's units.
      expect(list.tips.slice(0, 16).every((t) => t.file === 'python-memory-guidance.md')).toBe(true);
      expect(list.tips.slice(16).every((t) => t.file === 'python-memory-companion.md')).toBe(true);
      expect(list.tips.length).toBeGreaterThanOrEqual(56);
      expect(Object.keys(list.tips[0] ?? {}).sort()).toEqual(['facets', 'file', 'id', 'section', 'title']);
      expect(list.files[0]).toEqual({ ...GUIDANCE_FILE_ENTRY, enabled: true });
      const res = await fetcher(`/v1/tips/${list.tips[14]?.id}`);
      expect(res.status).toBe(200);
      const tip = (await res.json()) as { facets: { kind: string; source: { file: string } }[] };
      expect(tip).toMatchObject({
        title: 'String Concatenation',
        primary: true,
        source: { file: 'python-memory-guidance.md' },
      });
      // Its companion extension's facets, each citing the companion's lines.
      expect(tip.facets.map((f) => f.kind)).toEqual(['why', 'how', 'caveats']);
      expect(tip.facets.every((f) => f.source.file === 'python-memory-companion.md')).toBe(true);
    });

    describe('errors are problem+json 4xx', () => {
      it('404 for an unknown tip', () => fetcher('/v1/tips/nope').then((r) => expectProblem(r, 404, /nope/)));
      it('404 for an unknown route', () => fetcher('/v2/whatever').then((r) => expectProblem(r, 404)));
      it('405 with Allow for a wrong method', async () => {
        const res = await fetcher('/v1/ask', { method: 'GET' });
        await expectProblem(res, 405);
        expect(res.headers.get('allow')).toBe('POST');
        const del = await fetcher('/healthz', { method: 'DELETE' });
        await expectProblem(del, 405);
        expect(del.headers.get('allow')).toContain('GET');
      });
      it('415 when the body is not JSON', async () => {
        await expectProblem(
          await fetcher('/v1/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
          415,
        );
        await expectProblem(await fetcher('/v1/search', { method: 'POST', body: '{"query":"x"}' }), 415);
      });
      it('400 for malformed JSON', () => fetcher('/v1/ask', json('{"question": ')).then((r) => expectProblem(r, 400)));
      it.each([
        ['a missing field', {}, /question/],
        ['a wrong type', { question: 42 }, /question must be a string/],
        ['an empty string', { question: '' }, /must not be empty/],
        ['a blank string', { question: '   \n' }, /must not be empty/],
        ['a too long question', { question: 'x'.repeat(2001) }, /at most 2000 characters/],
        ['k out of range', { question: 'gc', k: 11 }, /k must be at most 10/],
        ['k not an integer', { question: 'gc', k: 1.5 }, /integer/],
        ['a snippet that is not a string', { question: 'gc', snippet: ['x'] }, /snippet must be a string/],
        ['a snippet over 64 KiB', { question: 'gc', snippet: 'x'.repeat(64 * 1024 + 1) }, /64 KiB/],
        ['snippetLanguage without a snippet', { question: 'gc', snippetLanguage: 'go' }, /send it with a snippet/],
        [
          'a snippetLanguage that is no name',
          { question: 'gc', snippet: 'x', snippetLanguage: 'go lang' },
          /language name/,
        ],
        ['a too long snippetLanguage', { question: 'gc', snippet: 'x', snippetLanguage: 'x'.repeat(33) }, /at most 32/],
        ['history that is not an array', { question: 'why?', history: 'gc' }, /history must be an array/],
        [
          'history with an unknown role',
          { question: 'why?', history: [{ role: 'system', content: 'x' }] },
          /role must be "user" or "assistant"/,
        ],
        [
          'history content that is not a string',
          { question: 'why?', history: [{ role: 'user', content: 1 }] },
          /content must be a string/,
        ],
        [
          'history over 10 turns',
          { question: 'why?', history: Array.from({ length: 11 }, () => ({ role: 'user', content: 'gc' })) },
          /at most 10 turns/,
        ],
        [
          'history over 16 KiB',
          { question: 'why?', history: [{ role: 'user', content: 'é'.repeat(8 * 1024 + 1) }] },
          /at most 16 KiB/,
        ],
        ['a JSON array body', [], /expected object|Invalid input/i],
        ['a JSON null body', 'null', /expected object|Invalid input/i],
      ])('400 for %s', async (_, body, detail) => {
        const res = await fetcher('/v1/ask', json(body));
        const problem = await expectProblem(res, 400, detail);
        expect(problem).toHaveProperty('errors');
      });
      it('400 for a bad search body', async () => {
        await expectProblem(await fetcher('/v1/search', json({ query: '' })), 400, /query must not be empty/);
        await expectProblem(await fetcher('/v1/search', json({ query: 'gc', k: 0 })), 400, /k must be at least 1/);
      });
      it('413 for a body over 128 KiB', async () => {
        const res = await fetcher('/v1/ask', json({ question: 'gc', snippet: 'x'.repeat(130 * 1024) }));
        await expectProblem(res, 413, /128 KiB/);
      });
    });
  });
}
