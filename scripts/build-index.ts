/**
 * `npm run build:index [-- --if-stale]`: GloVe → build/word-vectors.bin, then knowledge/ →
 * build/index/, whose runtime files are copied to build/public/_index/ for the Worker. With
 * --if-stale (what `scripts/build.mjs` runs for start, dev, test and eval) the word vectors are
 * reused when their recipe and the knowledge's words are unchanged, and the index is always
 * rebuilt: build.mjs runs this only when the index is stale by its own fingerprint, which covers
 * the code that builds it (the tokenizer, the chunker, the classifier), while the index's manifest
 * only records the knowledge and the embedder, so a changed tokenizer left it "current".
 */
import { createConfiguredEmbedder } from '../src/platform/node/load-index.js';
import { buildIndex, publishIndexAssets } from './lib/build-index.js';
import { INDEX_DIR, KNOWLEDGE_DIR, PUBLIC_DIR, WORD_VECTORS_FILE } from './lib/paths.js';
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
});
await publishIndexAssets(INDEX_DIR, PUBLIC_DIR);
const ms = Math.round(performance.now() - started);
console.log(
  built
    ? `index built: ${manifest.tipCount} tips from ${manifest.files
        .filter((f) => f.kind === 'markdown')
        .map((f) => f.name)
        .join(', ')} with ${manifest.embedder.id} in ${ms} ms`
    : `index is current (${manifest.tipCount} tips, ${manifest.embedder.id})`,
);
