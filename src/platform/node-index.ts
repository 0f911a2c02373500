import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embedder } from '../retrieval/embedder.js';
import { INDEX_FILES, type IndexManifest, type KnowledgeArtifact } from '../retrieval/index-artifacts.js';
import { loadRetriever, type LoadedIndex, type RetrieverOptions } from '../retrieval/load-retriever.js';

/**
 * Loads a built index folder from disk. Without an `embedder`, queries use the default one over
 * the index's own word-vector table.
 *
 * @example
 * const index = await loadIndexFromDisk('build/index');
 */
export async function loadIndexFromDisk(dir: string, embedder?: Embedder, options?: RetrieverOptions): Promise<LoadedIndex> {
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  let manifestText: string;
  try {
    manifestText = await read(INDEX_FILES.manifest);
  } catch {
    throw new Error(`No index at ${dir}: run \`npm run build:index\` first.`);
  }
  // Read together: the largest files are megabytes at 1,000 units, and start-up waits for each.
  const [knowledgeText, tables, wordVectors] = await Promise.all([
    read(INDEX_FILES.knowledge),
    readFile(join(dir, INDEX_FILES.tables)),
    readFile(join(dir, INDEX_FILES.wordVectors)),
  ]);
  return loadRetriever(
    {
      manifest: JSON.parse(manifestText) as IndexManifest,
      knowledge: JSON.parse(knowledgeText) as KnowledgeArtifact,
      tables,
      wordVectors,
    },
    embedder,
    options,
  );
}
