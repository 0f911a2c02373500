/**
 * Child process of `npm run bench`: times the first index load of a fresh Node process, the one a
 * server start pays (nothing compiled or cached yet), and prints `{"loadMs": …}`.
 *
 * Run: `node --import tsx scripts/bench/index-load-probe.ts build/index`
 */
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';

const dir = process.argv[2] ?? 'build/index';
const started = performance.now();
await loadIndexFromDisk(dir);
process.stdout.write(`${JSON.stringify({ loadMs: performance.now() - started })}\n`);
