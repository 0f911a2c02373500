import { plainWords } from './tokenize.js';
import { createDefaultEmbedder } from './default-embedder.js';
import type { Embedder } from './embedder.js';
import { FacetVectors, type VectorIndexFile } from './facet-vectors.js';
import { HybridRetriever, type FusionOptions } from './hybrid-retriever.js';
import { notCoveredFacets, tipFacets, UNCOVERED_MEMORY_ID, type IndexManifest, type KnowledgeArtifact } from './index-artifacts.js';
import { SCOPE_RULES } from './scope.js';
import { LexicalIndex } from './lexical-index.js';
import { QueryAnalyzer } from './query-analyzer.js';
import { TermCoverage } from './term-coverage.js';
import { WordVectors } from './word-vectors.js';

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
  /** The build's `index.json` (vectra's format), parsed. */
  readonly vectors: VectorIndexFile;
  /** The build's `word-vectors.bin`. */
  readonly wordVectors: ArrayBuffer | ArrayBufferView;
}

export interface RetrieverOptions extends FusionOptions {
  /** See HybridRetrieverOptions.onEmbedderError: degrade to the other signals instead of failing. */
  readonly onEmbedderError?: (error: unknown) => void;
  /** See HybridRetrieverOptions.queryCacheSize: recent queries' scores kept (default 1,000; 0 = none). */
  readonly queryCacheSize?: number;
}

export class EmbedderMismatchError extends Error {
  override readonly name = 'EmbedderMismatchError';
}

/**
 * Wires build artifacts into a retriever. Without an `embedder`, the default one is built over
 * the index's own word-vector table. Refuses an embedder other than the one the index was built
 * with: its vectors would live in another space and every score would be noise.
 */
export function loadRetriever(parts: IndexParts, embedder?: Embedder, options: RetrieverOptions = {}): LoadedIndex {
  const wordVectors = WordVectors.decode(parts.wordVectors);
  const queryEmbedder = embedder ?? createDefaultEmbedder(wordVectors);
  assertSameEmbedder(parts.manifest, queryEmbedder);
  const retriever = new HybridRetriever({
    tips: parts.knowledge.tips,
    vectors: FacetVectors.fromIndexFile(parts.vectors),
    lexical: LexicalIndex.fromJSON(parts.lexicalJson),
    embedder: queryEmbedder,
    analyzer: new QueryAnalyzer({ lexicon: knowledgeLexicon(parts.knowledge), isKnownWord: (w) => wordVectors.has(w) }),
    coverage: new TermCoverage(wordVectors, coverageGroups(parts.knowledge)),
    ...options,
  });
  return { manifest: parts.manifest, knowledge: parts.knowledge, retriever };
}

export function assertSameEmbedder(manifest: IndexManifest, embedder: Embedder): void {
  const built = manifest.embedder;
  if (built.id !== embedder.id || built.dimensions !== embedder.dimensions) {
    throw new EmbedderMismatchError(
      `The index was built with embedder "${built.id}" (${built.dimensions} dims) but the query embedder is "${embedder.id}" (${embedder.dimensions} dims). Rebuild it with \`npm run build:index\` under the same embedder settings, or configure the embedder it was built with.`,
    );
  }
}

/** Each tip's words (title, section, text, code, search phrases), and each not-covered phrase's. */
function coverageGroups(knowledge: KnowledgeArtifact): Map<string, string[]> {
  const groups = new Map<string, string[]>(
    knowledge.tips.map((tip) => {
      const texts = [...tipFacets(tip, knowledge.searchPhrases?.[tip.id]).map((f) => f.text), ...tip.examples.map((e) => e.code)];
      return [tip.id, texts.flatMap(plainWords)] as const;
    }),
  );
  for (const facet of notCoveredFacets(knowledge.notCovered ?? [])) groups.set(facet.id, plainWords(facet.text));
  for (const [id, words] of uncoveredTopicGroups(SCOPE_RULES.uncoveredMemoryTopics)) groups.set(id, words);
  return groups;
}

/**
 * Coverage groups for the memory topics the guidance has no tip for (`scope-rules.json`), ids
 * `~uncovered-memory#n`. They are scored by word coverage only, never embedded or indexed, so the
 * index build does not depend on them: a question one of them explains better than any tip is
 * about Python memory but not answered by the guidance (coverage `related`).
 */
export function uncoveredTopicGroups(topics: readonly string[]): Map<string, string[]> {
  return new Map(topics.map((text, i) => [`${UNCOVERED_MEMORY_ID}#${i + 1}`, plainWords(text)] as const));
}

/** Every word of the tips, their code and their search phrases: what typos are corrected to. */
function knowledgeLexicon(knowledge: KnowledgeArtifact): Set<string> {
  const words = new Set<string>();
  for (const tip of knowledge.tips) {
    const facets = tipFacets(tip, knowledge.searchPhrases?.[tip.id]);
    for (const text of [...facets.map((f) => f.text), ...tip.examples.map((e) => e.code)]) {
      for (const w of plainWords(text)) words.add(w);
    }
  }
  return words;
}
