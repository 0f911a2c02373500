import { LocalIndex, VirtualFileStorage } from 'vectra/browser';
import knowledge from '../../build/index/knowledge.json' with { type: 'json' };
import lexical from '../../build/index/lexical.json' with { type: 'json' };
import manifest from '../../build/index/manifest.json' with { type: 'json' };
import vectors from '../../build/index/index.json' with { type: 'json' };
import type { Embedder } from '../retrieval/embedder.js';
import { INDEX_FILES, type IndexManifest, type KnowledgeArtifact } from '../retrieval/index-artifacts.js';
import { loadRetriever, type LoadedIndex } from '../retrieval/load-retriever.js';

const FOLDER = 'index';

/**
 * The build's index, bundled into the Worker by wrangler and served from vectra's in-memory
 * storage: no file system, no network.
 */
export async function loadBundledIndex(embedder: Embedder): Promise<LoadedIndex> {
  const storage = new VirtualFileStorage();
  await storage.upsertFile(`${FOLDER}/${INDEX_FILES.vectors}`, JSON.stringify(vectors));
  const loaded = loadRetriever(
    {
      manifest: manifest as IndexManifest,
      knowledge: knowledge as unknown as KnowledgeArtifact,
      lexicalJson: JSON.stringify(lexical),
      vectors: new LocalIndex(FOLDER, INDEX_FILES.vectors, storage),
    },
    embedder,
  );
  await loaded.retriever.warm();
  return loaded;
}
