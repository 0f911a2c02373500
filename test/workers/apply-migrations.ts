import { applyD1Migrations, env } from 'cloudflare:test';

// The feedback schema (src/feedback/migrations), as `wrangler d1 migrations apply` would apply it.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
