import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      /** The feedback database (wrangler.toml `[[d1_databases]]`). */
      DB: D1Database;
      /** The static files, the index in `_index/` among them (wrangler.toml `[assets]`). */
      ASSETS: Fetcher;
      /** src/feedback/migrations, read by vitest.config.ts. */
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
