import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:reliability`, after `npm run build`; issue #19): the real
 * built Node server under hostile input, full and read-only disks, `kill -9` and slow sockets. It
 * takes a few minutes, so it is kept out of `npm test`; `.ci/run` runs it. Files run one at a time:
 * each starts servers and loads the machine, and timings must not overlap.
 */
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
