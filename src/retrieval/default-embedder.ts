import { DOMAIN_STOPWORDS } from './domain-vocabulary.js';
import type { Embedder } from './embedder.js';
import { SifEmbedder } from './sif-embedder.js';
import type { WordVectors } from './word-vectors.js';

/**
 * The embedder used when no other is configured: SIF-weighted GloVe word vectors from the index's
 * own int8 table, offline and the same in Node and workerd.
 *
 * @example
 * const embedder = createDefaultEmbedder(WordVectors.decode(bytes));
 */
export function createDefaultEmbedder(wordVectors: WordVectors): Embedder {
  return new SifEmbedder(wordVectors, { ignoredWords: DOMAIN_STOPWORDS });
}
