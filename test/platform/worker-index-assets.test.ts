import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_dev, type Unstable_DevWorker } from 'wrangler';
import { INDEX_ASSETS_FOLDER, RUNTIME_INDEX_FILES } from '../../src/retrieval/index-artifacts.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The Worker as `wrangler dev` runs it: wrangler.toml's asset routing included, which the workerd
// test pool (test/workers) leaves out, since its requests go straight to the Worker.
describe('the Worker reads its index from the static assets (wrangler dev)', () => {
  let worker: Unstable_DevWorker;

  beforeAll(async () => {
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
    process.env.WRANGLER_SEND_METRICS = 'false';
    worker = await unstable_dev(`${ROOT}src/worker.ts`, {
      config: `${ROOT}wrangler.toml`,
      local: true,
      port: 0,
      inspectorPort: 0,
      logLevel: 'error',
      experimental: { disableExperimentalWarning: true },
    });
  }, 60_000);

  afterAll(async () => {
    await worker.stop();
  });

  it('answers from it', async () => {
    const res = await worker.fetch('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'how do I point at an object without keeping it alive?' }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { abstained: boolean; citations: { id: string }[] };
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.id).toBe('avoid-memory-leaks--weak-references');
    // The first request reads and loads the index in workerd: 1.6 s alone, more on a busy CI machine.
  }, 30_000);

  it('never serves it: run_worker_first sends /_index/* to the Worker, which answers 404', async () => {
    for (const name of RUNTIME_INDEX_FILES) {
      const res = await worker.fetch(`/${INDEX_ASSETS_FOLDER}/${name}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // The other static files are still served by Workers Static Assets.
    expect((await worker.fetch('/widget.js')).status).toBe(200);
  });
});
