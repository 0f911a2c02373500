/**
 * A bench-only Worker entry (never deployed): bundled by `wrangler deploy --dry-run` with the
 * project's wrangler.toml and run in workerd by `npm run bench`. Each request loads the index from
 * the static assets `LOADS` times and answers the time of each load; the first request of an
 * isolate sees the cold load a deployed Worker pays once.
 *
 * workerd on a developer machine advances `performance.now()` during execution; on Cloudflare's
 * edge it only advances on I/O, which is why this timing lives here and not in the service.
 */
import { loadIndexFromAssets, type AssetsBindingLike } from '../../src/platform/worker/assets-index.js';

const LOADS = 5;

export default {
  async fetch(_request: Request, env: { ASSETS: AssetsBindingLike }): Promise<Response> {
    const loadsMs: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const started = performance.now();
      await loadIndexFromAssets(env.ASSETS);
      loadsMs.push(performance.now() - started);
    }
    return Response.json({ loadsMs });
  },
};
