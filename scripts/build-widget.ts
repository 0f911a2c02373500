/**
 * `npm run build:widget [-- --if-stale]`: widget/src → build/public/widget.js (one minified
 * script, under 30 KiB gzipped). With --if-stale (used by build, dev and test) it does nothing
 * when the sources are unchanged.
 */
import { fileURLToPath } from 'node:url';
import { buildWidget, WIDGET_GZIP_BUDGET_BYTES } from './lib/widget/build-widget.js';

const rootDir = fileURLToPath(new URL('../', import.meta.url));
const started = performance.now();
const result = await buildWidget({
  rootDir,
  sourceDir: fileURLToPath(new URL('../widget/src/', import.meta.url)),
  outDir: fileURLToPath(new URL('../build/public/', import.meta.url)),
  onlyIfStale: process.argv.includes('--if-stale'),
});
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const size = `${kib(result.bytes)}, ${kib(result.gzipBytes)} gzipped (budget ${kib(WIDGET_GZIP_BUDGET_BYTES)})`;
console.log(
  result.built
    ? `widget built: ${size} in ${Math.round(performance.now() - started)} ms`
    : `widget is current (${size})`,
);
