import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`, after `npm run build`): the real Node server and Debian's
 * Chromium driven by playwright-core. Kept out of `npm test`'s projects.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
