/**
 * `npm run build:index [-- --if-stale]`: GloVe → build/word-vectors.bin, then knowledge/ →
 * build/index/. With --if-stale (used by start, dev, test and eval) each step does nothing when
 * its inputs are unchanged.
 */
import { createConfiguredEmbedder } from '../src/platform/node/load-index.js';
import { buildIndex } from './lib/build-index.js';
import { INDEX_DIR, KNOWLEDGE_DIR, WORD_VECTORS_FILE } from './lib/paths.js';
import { ensureWordVectors } from './lib/word-vectors/ensure-word-vectors.js';

const onlyIfStale = process.argv.includes('--if-stale');
const started = performance.now();
const table = await ensureWordVectors({ knowledgeDir: KNOWLEDGE_DIR, outFile: WORD_VECTORS_FILE, onlyIfStale });
if (table.built) {
  console.log(`word vectors built: ${table.bytes.byteLength} bytes in ${Math.round(performance.now() - started)} ms`);
}
const { built, manifest } = await buildIndex({
  knowledgeDir: KNOWLEDGE_DIR,
  outDir: INDEX_DIR,
  wordVectors: table.bytes,
  embedder: await createConfiguredEmbedder(process.env),
  onlyIfStale: onlyIfStale && !table.built,
});
const ms = Math.round(performance.now() - started);
console.log(
  built
    ? `index built: ${manifest.tipCount} tips from ${manifest.files
        .filter((f) => f.kind === 'markdown')
        .map((f) => f.name)
        .join(', ')} with ${manifest.embedder.id} in ${ms} ms`
    : `index is current (${manifest.tipCount} tips, ${manifest.embedder.id})`,
);
