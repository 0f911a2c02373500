import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Records every module URL the process resolves (a module.register resolve hook), then starts the
// app as `npm start` does, with no LLM configured, and answers a question; then asks for the
// OpenAPI document and an MCP tools list.
const SCRIPT = `
  import { register } from 'node:module';
  import { MessageChannel } from 'node:worker_threads';
  const { port1, port2 } = new MessageChannel();
  const loaded = new Set();
  port1.on('message', (url) => loaded.add(url));
  port1.unref();
  register('data:text/javascript,' + encodeURIComponent(\`
    let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      port.postMessage(result.url);
      return result;
    }\`), import.meta.url, { data: { port: port2 }, transferList: [port2] });
  const seen = async (label) => {
    await new Promise((r) => setTimeout(r, 50));
    const pick = (part) => [...loaded].some((url) => url.includes(part));
    console.log(JSON.stringify({ label, langchain: pick('/@langchain/'), mcp: pick('/@modelcontextprotocol/'), openapi: pick('/zod-to-openapi/') }));
  };
  const { createApp } = await import('./src/app.ts');
  const { createNodeDeps } = await import('./src/platform/node/deps.ts');
  const { deps } = await createNodeDeps({ FEEDBACK_DB: 'off', PATH: process.env.PATH });
  const app = createApp(deps);
  const post = (body, headers = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await (await app.request('/v1/ask', post({ question: 'how do weak references help?' }))).json();
  await seen('started and answered');
  await (await app.request('/openapi.json')).json();
  await seen('openapi');
  await (await app.request('/mcp', post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { accept: 'application/json, text/event-stream' }))).json();
  await seen('mcp');
  process.exit(0);
`;

describe('modules loaded on demand', () => {
  it('a server without a model loads neither LangChain, the MCP SDK nor the OpenAPI builder until they are used', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"label"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { label: 'started and answered', langchain: false, mcp: false, openapi: false },
      { label: 'openapi', langchain: false, mcp: false, openapi: true },
      { label: 'mcp', langchain: false, mcp: true, openapi: true },
    ]);
    // A child process that compiles the app with tsx: about 2 s alone, 7.7 s once in a fresh
    // clone's full suite (2026-12-06), past vitest's 5 s default. A bound, not a speed check.
  }, 60_000);
});
