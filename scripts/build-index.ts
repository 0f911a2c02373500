/**
 * `npm run build:index [-- --if-stale]`: knowledge/ → build/index/.
 * With --if-stale (used by start, dev and test) it does nothing when the manifest still matches.
 */
import { createDefaultEmbedder } from '../src/retrieval/default-embedder.js';
import { buildIndex } from './lib/build-index.js';
import { KNOWLEDGE_DIR, INDEX_DIR } from './lib/paths.js';

const started = performance.now();
const { built, manifest } = await buildIndex({
  knowledgeDir: KNOWLEDGE_DIR,
  outDir: INDEX_DIR,
  embedder: createDefaultEmbedder(),
  onlyIfStale: process.argv.includes('--if-stale'),
});
const ms = Math.round(performance.now() - started);
console.log(
  built
    ? `index built: ${manifest.tipCount} tips from ${manifest.files.join(', ')} with ${manifest.embedder.id} in ${ms} ms`
    : `index is current (${manifest.tipCount} tips, ${manifest.embedder.id})`,
);
