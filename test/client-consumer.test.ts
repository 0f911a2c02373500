import { serve } from '@hono/node-server';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before any TypeScript tooling); its JSDoc types it.
import { ensureBuilt, STEPS } from '../scripts/build.mjs';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/logger.js';
import { builtIndex } from './helpers/built-index.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * A consumer project in a temporary folder, with this package installed as
 * `node_modules/pymem-assistant` (a link to the checkout, as `npm install <path>` makes): it
 * imports `pymem-assistant/client` (package.json `exports`: the compiled client and its
 * declarations), never `src/`. Strict, with no @types/node, and `skipLibCheck: false`, so the
 * shipped declarations are checked too (LangChain's, reached through the app's dependency
 * types, use `Symbol.asyncDispose`: hence `ESNext.Disposable`).
 */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: 'out',
  },
  files: ['consumer.ts'],
};

/** What `tsc --init` writes (skipLibCheck: true), with no extra lib: the mistakes are checked here. */
const INIT_DEFAULTS_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  files: ['mistakes.ts'],
};

/** Every JSON route of the typed client, with the types a consumer relies on. */
const CONSUMER = `
import { createPymemClient, type PymemClient } from 'pymem-assistant/client';

// No @types/node here: the client needs only fetch.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const client: PymemClient = createPymemClient(env.PYMEM_URL ?? 'http://localhost:8787', { apiKey: env.PYMEM_API_KEY });
const results: Record<string, unknown> = {};

const health = await (await client.healthz.$get()).json();
results.tips = health.tips satisfies number;

const asked = await client.v1.ask.$post({ json: { question: 'How do I build a big string efficiently?' } });
if (!asked.ok) throw new Error('ask: HTTP ' + asked.status);
const answer = await asked.json();
const abstained: boolean = answer.abstained;
results.ask = { abstained, firstCitation: answer.citations[0]?.id, answerId: answer.answerId satisfies string };

const analyzed = await client.v1.analyze.$post({ json: { code: 'def f(x=[]):\\n    return x\\n' } });
if (analyzed.ok) results.analyze = (await analyzed.json()).findings.map((f) => f.rule satisfies string);

const search = await (await client.v1.search.$post({ json: { query: 'weakref', k: 1 } })).json();
const tipId: string = search.results[0]?.id ?? '';
const tip = await client.v1.tips[':id'].$get({ param: { id: tipId } });
if (tip.ok) results.tip = (await tip.json()).source.lineStart satisfies number;
results.tipCount = (await (await client.v1.tips.$get()).json()).tips.length;

const feedback = await client.v1.feedback.$post({ json: { answerId: answer.answerId, helpful: true } });
results.feedbackStatus = feedback.status;

// The OpenAI-compatible routes.
const models = await (await client.v1.models.$get()).json();
results.models = models.data.map((m) => m.id satisfies string);
const model = await client.v1.models[':model'].$get({ param: { model: 'pymem-assistant' } });
if (model.ok) results.model = (await model.json()).owned_by satisfies string;
const completion = await client.v1.chat.completions.$post({
  json: { model: 'pymem-assistant', messages: [{ role: 'user', content: 'How do I build a big string efficiently?' }] },
});
if (completion.ok) results.completion = (await completion.json()).choices[0]?.message.content?.slice(0, 40);

const spec = await (await client['openapi.json'].$get()).json();
results.servers = spec.servers.map((s) => s.url satisfies string);

console.log(JSON.stringify(results));
`;

/** What the compiler must refuse: a misspelt field, a wrong type, a route that does not exist. */
const MISTAKES = `
import { createPymemClient } from 'pymem-assistant/client';
const client = createPymemClient('http://localhost:8787');
await client.v1.ask.$post({ json: { questoin: 'typo' } });
await client.v1.search.$post({ json: { query: 'x', k: 'three' } });
await client.v1.nowhere.$get();
const models = await (await client.v1.models.$get()).json();
const wrong: number = models.data[0]!.id;
`;

let dir: string;
let baseUrl: string;
let index: Awaited<ReturnType<typeof builtIndex>>;
let server: ReturnType<typeof serve>;

function tsc(project: string, ...flags: string[]) {
  return spawnSync(process.execPath, [TSC, '-p', project, ...flags], { cwd: dir, encoding: 'utf8' });
}

beforeAll(async () => {
  // The consumer uses what `npm run build` ships: make sure dist/ is current (quick when it is).
  await ensureBuilt(
    (STEPS as { name: string }[]).filter((s) => s.name === 'server'),
    { log: () => {} },
  );
  dir = await mkdtemp(join(tmpdir(), 'pymem-consumer-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(REPO, join(dir, 'node_modules', 'pymem-assistant'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  await writeFile(join(dir, 'tsconfig.mistakes.json'), JSON.stringify(INIT_DEFAULTS_TSCONFIG));
  await writeFile(join(dir, 'consumer.ts'), CONSUMER);
  await writeFile(join(dir, 'mistakes.ts'), MISTAKES);
  index = await builtIndex();
  const app = createApp({ index, logger: silentLogger });
  baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}, 300_000);
afterAll(async () => {
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the typed client in a consumer project (pymem-assistant/client)', () => {
  it('type-checks a script that calls every JSON route, the OpenAI-compatible ones included, without src/', () => {
    const result = tsc('tsconfig.json');
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    const files = tsc('tsconfig.json', '--listFilesOnly').stdout.split('\n');
    expect(files.filter((file) => file.includes('/dist/src/')).length).toBeGreaterThan(10);
    expect(files.filter((file) => file.startsWith(join(REPO, 'src')))).toEqual([]);
  }, 120_000);

  it('refuses a misspelt body field, a wrongly typed one, an unknown route and a wrong response type', () => {
    const result = tsc('tsconfig.mistakes.json');
    expect(result.status).not.toBe(0);
    const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.map((line) => /^mistakes\.ts\((\d+),/.exec(line)?.[1])).toEqual(['4', '5', '6', '8']);
    expect(result.stdout).toMatch(/'questoin' does not exist/);
    expect(result.stdout).toMatch(/Property 'nowhere' does not exist/);
  }, 120_000);

  it('runs, compiled, against a real server', async () => {
    // Asynchronously: the server answers from this process.
    const result = await promisify(execFile)(process.execPath, ['out/consumer.js'], {
      cwd: dir,
      env: { ...process.env, PYMEM_URL: baseUrl },
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    const results = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(results).toMatchObject({
      tips: index.knowledge.tips.length,
      ask: { abstained: false, firstCitation: 'optimize-string-usage--string-concatenation' },
      analyze: ['mutable-default-argument'],
      tip: expect.any(Number),
      tipCount: index.knowledge.tips.length,
      feedbackStatus: 503,
      models: ['pymem-assistant'],
      model: expect.any(String),
      completion: expect.any(String),
      servers: [baseUrl],
    });
  }, 120_000);
});
