import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/built-index.js';
import { describeAnalyzeContract } from './analyze-contract.js';

const app = await testApp();
const fetcher = async (path: string, init?: RequestInit) => app.request(`http://localhost${path}`, init);

describeAnalyzeContract('Node, app.request', fetcher);

const post = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('POST /v1/analyze on any input', () => {
  it('never answers 5xx for arbitrary code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.option(fc.string({ maxLength: 300 })),
        async (code, filename) => {
          const res = await fetcher(
            '/v1/analyze',
            post(JSON.stringify(filename === null ? { code } : { code, filename })),
          );
          expect(res.status).toBeLessThan(500);
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx for arbitrary JSON or raw bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json({ maxDepth: 4 }),
          fc.string({ maxLength: 500 }),
          fc.jsonValue().map((v) => JSON.stringify({ code: v })),
        ),
        async (body) => {
          const res = await fetcher('/v1/analyze', post(body));
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
