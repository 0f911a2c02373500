import { describe, expect, it } from 'vitest';
import { NESTED_SCOPES } from '../analyze/hostile-inputs.js';
import type { Fetcher } from './contract.js';

const post = (body: unknown, contentType = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function expectProblem(res: Response, status: number, detail?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { status: number; detail: string };
  expect(body.status).toBe(status);
  if (detail) expect(body.detail).toMatch(detail);
}

const LEAKY = 'def load(path):\n    data = ""\n    for line in open(path):\n        data += line\n    return data\n';

/** `POST /v1/analyze` and `POST /v1/ask` with a snippet, run against Node and against workerd. */
export function describeAnalyzeContract(name: string, fetcher: Fetcher) {
  describe(`POST /v1/analyze (${name})`, () => {
    it('returns cited findings with LSP ranges', async () => {
      const res = await fetcher('/v1/analyze', post({ code: LEAKY, filename: 'load.py' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { findings: unknown[]; syntaxErrors: unknown[] };
      expect(body.syntaxErrors).toEqual([]);
      expect(body.findings).toEqual([
        {
          rule: 'open-without-with',
          severity: 'warning',
          message: expect.stringContaining('`open(path)` is not managed by a `with` statement'),
          range: { start: { line: 2, character: 16 }, end: { line: 2, character: 26 } },
          citation: {
            id: 'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
            title: 'Use `with` Statement for File Operations',
            section: 'Optimize Code for Memory Efficiency',
            guidance: {
              id: 'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
              title: 'Use `with` Statement for File Operations',
              section: 'Optimize Code for Memory Efficiency',
            },
            explainedBy: 'A file you do not close waits for the garbage collector',
          },
          // The why is the knowledge's, quoted with its lines: the text a plain question gets.
          explanation: {
            text: expect.stringContaining('An open file object holds an operating-system file descriptor'),
            source: { file: 'python-memory-companion.md', lineStart: expect.any(Number), lineEnd: expect.any(Number) },
          },
          suggestion: expect.stringContaining('with open(path) as f:'),
        },
        {
          rule: 'string-concat-in-loop',
          severity: 'warning',
          message: expect.stringContaining('`data` is a string'),
          range: { start: { line: 3, character: 8 }, end: { line: 3, character: 20 } },
          citation: {
            id: 'optimize-string-usage--string-concatenation',
            title: 'String Concatenation',
            section: 'Optimize String Usage',
            guidance: {
              id: 'optimize-string-usage--string-concatenation',
              title: 'String Concatenation',
              section: 'Optimize String Usage',
            },
            explainedBy: "Why `''.join` is faster than `+=` in a loop",
          },
          explanation: {
            text: expect.stringContaining('Strings are immutable, so `s = s + piece` builds a new string'),
            source: { file: 'python-memory-companion.md', lineStart: expect.any(Number), lineEnd: expect.any(Number) },
          },
          suggestion: expect.stringContaining("''.join(parts)"),
          fix: {
            description: expect.stringContaining('join them once after the loop'),
            edits: [
              {
                range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } },
                newText: 'data_parts = [data]\n    ',
              },
              {
                range: { start: { line: 3, character: 8 }, end: { line: 3, character: 20 } },
                newText: 'data_parts.append(line)',
              },
              {
                range: { start: { line: 3, character: 20 }, end: { line: 3, character: 20 } },
                newText: "\n    data = ''.join(data_parts)",
              },
            ],
          },
        },
      ]);
    });

    it('reports info findings only with includeInfo', async () => {
      const code = 'import sys\nprint(sys.getsizeof(data))\n';
      const plain = (await (await fetcher('/v1/analyze', post({ code }))).json()) as {
        findings: { severity: string }[];
      };
      expect(plain.findings).toEqual([]);
      const res = await fetcher('/v1/analyze', post({ code, includeInfo: true }));
      const withInfo = (await res.json()) as { findings: { rule: string; severity: string }[] };
      expect(withInfo.findings.map((f) => [f.rule, f.severity])).toEqual([['getsizeof-container', 'info']]);
    });

    it('finds nothing in clean code, and reports syntax errors with positions', async () => {
      const clean = await fetcher(
        '/v1/analyze',
        post({ code: 'with open(p) as f:\n    for line in f:\n        print(line)\n' }),
      );
      expect(await clean.json()).toEqual({ findings: [], syntaxErrors: [], truncated: false });
      const broken = await fetcher('/v1/analyze', post({ code: 'def f(:\n    pass\n' }));
      expect(broken.status).toBe(200);
      expect(await broken.json()).toEqual({
        findings: [],
        syntaxErrors: [
          {
            range: { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } },
            message: 'invalid syntax before ":"',
          },
        ],
        truncated: false,
      });
    });

    it('bounds hostile 64 KiB inputs (issue #19): a partial analysis that says where it stopped, or a 422 naming the work budget', async () => {
      const mismatched = await fetcher('/v1/analyze', post({ code: '(]'.repeat(32 * 1024) }));
      expect(mismatched.status).toBe(200);
      const { syntaxErrors } = (await mismatched.json()) as { syntaxErrors: { message: string }[] };
      expect(syntaxErrors.at(-1)?.message).toContain('too many nested parentheses');
      const chain = await fetcher('/v1/analyze', post({ code: `f${'()'.repeat(32 * 1024 - 1)}` }));
      expect(chain.status).toBe(200);
      const rescanned = await fetcher('/v1/analyze', post({ code: NESTED_SCOPES }));
      expect(rescanned.status).toBe(422);
      expect(rescanned.headers.get('content-type')).toContain('application/problem+json');
      expect(await rescanned.json()).toMatchObject({
        type: 'urn:pymem:problem:analysis-budget',
        detail: expect.stringContaining('1,100,000 work units'),
      });
    });

    it('returns at most 250 findings and 100 syntax errors, the first ones, with truncated: true (issue #19)', async () => {
      const many = await fetcher('/v1/analyze', post({ code: 'open(p)\n'.repeat(8 * 1024) }));
      expect(many.status).toBe(200);
      const body = (await many.json()) as {
        findings: { range: { start: { line: number } } }[];
        syntaxErrors: unknown[];
        truncated: boolean;
      };
      expect(body.findings).toHaveLength(250);
      expect(body.findings[0]?.range.start.line).toBe(0);
      expect(body.truncated).toBe(true);
      const broken = (await (await fetcher('/v1/analyze', post({ code: 'if x:\n '.repeat(8 * 1024) }))).json()) as {
        syntaxErrors: unknown[];
        truncated: boolean;
      };
      expect(broken.syntaxErrors).toHaveLength(100);
      expect(broken.truncated).toBe(true);
    });

    it('accepts exactly 64 KiB of code', async () => {
      const res = await fetcher('/v1/analyze', post({ code: `x = 1\n${'#'.repeat(64 * 1024 - 7)}\n` }));
      expect(res.status).toBe(200);
    });

    it.each([
      ['missing code', {}, /code: code is required/],
      ['code of the wrong type', { code: 42 }, /code: code must be a string/],
      ['empty code', { code: '' }, /code: code must not be empty/],
      ['blank code', { code: ' \n\t ' }, /code: code must not be empty/],
      ['code over 64 KiB of UTF-8', { code: 'é'.repeat(32 * 1024 + 1) }, /code: code must be at most 64 KiB/],
      ['a filename of the wrong type', { code: 'x = 1', filename: ['a.py'] }, /filename: filename must be a string/],
      [
        'includeInfo that is not a boolean',
        { code: 'x = 1', includeInfo: 'yes' },
        /includeInfo: includeInfo must be true or false/,
      ],
      ['a body that is not an object', [1, 2], /the body must be a JSON object with a "code" string/],
    ])('answers 400 for %s', async (_name, body, detail) => {
      await expectProblem(await fetcher('/v1/analyze', post(body)), 400, detail);
    });

    it('answers 400 for malformed JSON, 415 for non-JSON, 413 over 128 KiB, 405 for GET', async () => {
      await expectProblem(await fetcher('/v1/analyze', post('{"code": ')), 400);
      await expectProblem(await fetcher('/v1/analyze', post('code=x', 'text/plain')), 415);
      await expectProblem(await fetcher('/v1/analyze', post({ code: 'x'.repeat(129 * 1024) })), 413);
      const get = await fetcher('/v1/analyze');
      await expectProblem(get, 405);
      expect(get.headers.get('allow')).toContain('POST');
    });
  });

  describe(`POST /v1/ask with a snippet (${name})`, () => {
    it('puts the findings first, cites their tips and returns them', async () => {
      const res = await fetcher('/v1/ask', post({ question: 'why does this use so much memory?', snippet: LEAKY }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        answer: string;
        abstained: boolean;
        citations: { n: number; id: string }[];
        findings: { rule: string; range: { start: { line: number } } }[];
      };
      expect(body.abstained).toBe(false);
      expect(body.findings.map((f) => [f.rule, f.range.start.line])).toEqual([
        ['open-without-with', 2],
        ['string-concat-in-loop', 3],
      ]);
      expect(body.citations.slice(0, 2).map((c) => c.id)).toEqual([
        'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
        'optimize-string-usage--string-concatenation',
      ]);
      expect(body.answer.startsWith('**In your code** (2 findings):')).toBe(true);
      expect(body.answer).toContain('- Line 3 (`open-without-with`, warning):');
      expect(body.answer).toContain('- Line 4 (`string-concat-in-loop`, warning):');
    });

    it('returns an empty findings list for clean code, and no findings field without a snippet', async () => {
      const clean = (await (
        await fetcher('/v1/ask', post({ question: 'is this ok?', snippet: 'total = sum(x for x in xs)\n' }))
      ).json()) as {
        findings: unknown[];
      };
      expect(clean.findings).toEqual([]);
      const plain = (await (
        await fetcher('/v1/ask', post({ question: 'what is reference counting?' }))
      ).json()) as Record<string, unknown>;
      expect(plain).not.toHaveProperty('findings');
    });
  });
}
