import type { Embedder } from './embedder.js';
import { HashedNgramEmbedder } from './hashed-ngram-embedder.js';

/** The embedder used when no other is configured: offline and the same in Node and workerd. */
export function createDefaultEmbedder(): Embedder {
  return new HashedNgramEmbedder();
}
