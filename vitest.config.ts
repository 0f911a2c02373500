import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**', 'test/e2e/**', 'test/reliability/**', 'node_modules/**'],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            // The D1 schema, applied to each test file's local D1 by test/workers/apply-migrations.ts.
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('src/feedback/migrations') } },
          })),
        ],
        test: {
          name: 'workerd',
          include: ['test/workers/**/*.test.ts'],
          setupFiles: ['test/workers/apply-migrations.ts'],
          // An OpenAI-compatible stub in the Node process, reached from workerd over real HTTP (LLM tests).
          globalSetup: ['test/helpers/openai-stub-global-setup.ts'],
        },
      },
    ],
  },
});
