import knowledge from '../../../build/index/knowledge.json' with { type: 'json' };
import manifest from '../../../build/index/manifest.json' with { type: 'json' };
// wrangler bundles `.bin` as a Data module: an ArrayBuffer, no parsing.
import tables from '../../../build/index/retrieval.bin';
import wordVectors from '../../../build/index/word-vectors.bin';
import type { Embedder } from '../../retrieval/embedder.js';
import type { IndexManifest, KnowledgeArtifact } from '../../retrieval/index-artifacts.js';
import { loadRetriever, type LoadedIndex, type RetrieverOptions } from '../../retrieval/load-retriever.js';

/**
 * The build's index, bundled into the Worker by wrangler: no file system, no network. Without an
 * `embedder`, queries use the default one; a failing one is logged unless `options` says otherwise.
 */
export async function loadBundledIndex(embedder?: Embedder, options: RetrieverOptions = {}): Promise<LoadedIndex> {
  return loadRetriever(
    {
      manifest: manifest as unknown as IndexManifest,
      knowledge: knowledge as unknown as KnowledgeArtifact,
      tables,
      wordVectors,
    },
    embedder,
    { onEmbedderError: logEmbedderError, ...options },
  );
}

/** A failing remote embedder (Workers AI, an OpenAI-compatible endpoint) degrades search; say so in `wrangler tail`. */
function logEmbedderError(error: unknown): void {
  console.error(
    JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'embedder_failed', error: String(error) }),
  );
}
