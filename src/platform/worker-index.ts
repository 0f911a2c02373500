import { LocalIndex, VirtualFileStorage } from 'vectra/browser';
import knowledge from '../../build/index/knowledge.json' with { type: 'json' };
import lexical from '../../build/index/lexical.json' with { type: 'json' };
import manifest from '../../build/index/manifest.json' with { type: 'json' };
import vectors from '../../build/index/index.json' with { type: 'json' };
// wrangler bundles `.bin` as a Data module: an ArrayBuffer, no parsing.
import wordVectors from '../../build/index/word-vectors.bin';
import type { Embedder } from '../retrieval/embedder.js';
import { INDEX_FILES, type IndexManifest, type KnowledgeArtifact } from '../retrieval/index-artifacts.js';
import { loadRetriever, type LoadedIndex, type RetrieverOptions } from '../retrieval/load-retriever.js';

const FOLDER = 'index';

/**
 * The build's index, bundled into the Worker by wrangler and served from vectra's in-memory
 * storage: no file system, no network. Without an `embedder`, queries use the default one.
 */
export async function loadBundledIndex(embedder?: Embedder, options: RetrieverOptions = { onEmbedderError: logEmbedderError }): Promise<LoadedIndex> {
  const storage = new VirtualFileStorage();
  await storage.upsertFile(`${FOLDER}/${INDEX_FILES.vectors}`, JSON.stringify(vectors));
  const loaded = loadRetriever(
    {
      manifest: manifest as IndexManifest,
      knowledge: knowledge as unknown as KnowledgeArtifact,
      lexicalJson: JSON.stringify(lexical),
      vectors: new LocalIndex(FOLDER, INDEX_FILES.vectors, storage),
      wordVectors,
    },
    embedder,
    options,
  );
  await loaded.retriever.warm();
  return loaded;
}

/** A failing remote embedder (Workers AI, an OpenAI-compatible endpoint) degrades search; say so in `wrangler tail`. */
function logEmbedderError(error: unknown): void {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'embedder_failed', error: String(error) }));
}
