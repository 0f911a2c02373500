import type { LocalIndex } from 'vectra/browser';
import type { Embedder } from './embedder.js';
import { HybridRetriever } from './hybrid-retriever.js';
import type { IndexManifest, KnowledgeArtifact } from './index-artifacts.js';
import { LexicalIndex } from './lexical-index.js';

export interface LoadedIndex {
  readonly manifest: IndexManifest;
  readonly knowledge: KnowledgeArtifact;
  readonly retriever: HybridRetriever;
}

export interface IndexParts {
  readonly manifest: IndexManifest;
  readonly knowledge: KnowledgeArtifact;
  /** MiniSearch's serialized JSON, as written by the build. */
  readonly lexicalJson: string;
  /** A vectra index over the build's `index.json`, on disk (Node) or in memory (Worker). */
  readonly vectors: LocalIndex;
}

export class EmbedderMismatchError extends Error {
  override readonly name = 'EmbedderMismatchError';
}

/**
 * Wires build artifacts into a retriever. Refuses an embedder other than the one the index was
 * built with: its vectors would live in another space and every score would be noise.
 */
export function loadRetriever(parts: IndexParts, embedder: Embedder): LoadedIndex {
  const built = parts.manifest.embedder;
  if (built.id !== embedder.id || built.dimensions !== embedder.dimensions) {
    throw new EmbedderMismatchError(
      `The index was built with embedder "${built.id}" (${built.dimensions} dims) but the query embedder is "${embedder.id}" (${embedder.dimensions} dims). Rebuild it with \`npm run build:index\` or configure the same embedder.`,
    );
  }
  const retriever = new HybridRetriever({
    tips: parts.knowledge.tips,
    vectors: parts.vectors,
    lexical: LexicalIndex.fromJSON(parts.lexicalJson),
    embedder,
  });
  return { manifest: parts.manifest, knowledge: parts.knowledge, retriever };
}
