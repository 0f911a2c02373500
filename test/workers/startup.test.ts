import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createWorkerDeps, type WorkerBindings } from '../../src/platform/worker/deps.js';
import { STARTUP_RETRY_AFTER_SECONDS, startedOnFirstRequest } from '../../src/platform/worker/startup.js';

/** The real static assets, failing the first `failures` reads as a storage fault would. */
function flakyAssets(failures: number) {
  let left = failures;
  return {
    reads: 0,
    async fetch(request: Request): Promise<Response> {
      this.reads++;
      if (left > 0) {
        left--;
        throw new Error('asset storage unreachable');
      }
      return env.ASSETS.fetch(request);
    },
  };
}

describe('the Worker starts on its first request (platform/worker/startup.ts)', () => {
  it('answers 503 with Retry-After when its index cannot be read, then starts on the next request', async () => {
    const assets = flakyAssets(1);
    const fetch = startedOnFirstRequest((bindings: WorkerBindings) => createWorkerDeps(bindings).then(createApp));
    const bindings = { ...env, ASSETS: assets } as WorkerBindings;
    const healthz = () => fetch(new Request('http://localhost/healthz'), bindings, createExecutionContext());

    const failed = await healthz();
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    expect(failed.headers.get('retry-after')).toBe(String(STARTUP_RETRY_AFTER_SECONDS));
    expect(await failed.json()).toMatchObject({ status: 503, type: 'urn:pymem:problem:unavailable' });

    expect((await healthz()).status).toBe(200);
    const readsWhenStarted = assets.reads;
    expect((await healthz()).status).toBe(200);
    expect(assets.reads).toBe(readsWhenStarted); // started once, kept
  });

  it('lets every request that waited on the failed start-up fail alike, and starts only once after it', async () => {
    let starts = 0;
    const fetch = startedOnFirstRequest(async () => {
      starts++;
      if (starts === 1) throw new Error('index unreadable');
      return { fetch: () => new Response('ok') };
    });
    const call = () => fetch(new Request('http://localhost/'), {}, {});
    const first = await Promise.all([call(), call()]);
    expect(first.map((r) => r.status)).toEqual([503, 503]);
    const second = await Promise.all([call(), call()]);
    expect(second.map((r) => r.status)).toEqual([200, 200]);
    expect(starts).toBe(2);
  });
});
