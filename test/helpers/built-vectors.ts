import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalIndex } from 'vectra';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import type { VectorIndexFile } from '../../src/retrieval/facet-vectors.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR } from './built-index.js';

/** The built index's facet vectors as vectra wrote them (`index.json`). */
export async function builtVectorFile(): Promise<VectorIndexFile> {
  return JSON.parse(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.vectors), 'utf8')) as VectorIndexFile;
}

/** The embedder the built index was made with. */
export async function builtIndexEmbedder(): Promise<Embedder> {
  return createDefaultEmbedder(WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors))));
}

/**
 * Every facet's cosine with `vector` as vectra's own `LocalIndex.queryItems` computes it over the
 * file it wrote at build time: the reference the runtime's scores must equal.
 */
export async function vectraScores(vector: number[], facets: number): Promise<Map<string, number>> {
  const reference = new LocalIndex(BUILT_INDEX_DIR, INDEX_FILES.vectors);
  return new Map((await reference.queryItems(vector, '', facets)).map((hit) => [hit.item.id, hit.score]));
}
