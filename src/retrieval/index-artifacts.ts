import type { KnowledgeContext, Tip } from '../knowledge/types.js';

/** Bumped whenever the chunker or the artifact layout changes, so old builds are rebuilt. */
export const INDEX_FORMAT = 5;

/** File names inside the index build folder. `vectors` is vectra's own `index.json`. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  knowledge: 'knowledge.json',
  lexical: 'lexical.json',
  vectors: 'index.json',
  /** The int8 word-vector table (see word-vectors.ts): the default embedder and the typo lexicon. */
  wordVectors: 'word-vectors.bin',
} as const;

export interface IndexManifest {
  readonly format: number;
  /** sha256 over every knowledge file's name and bytes (guidance and search phrases), in name order. */
  readonly knowledgeHash: string;
  readonly embedder: { readonly id: string; readonly dimensions: number };
  readonly tipCount: number;
  readonly files: readonly string[];
}

export interface KnowledgeArtifact {
  readonly tips: readonly Tip[];
  readonly context: readonly KnowledgeContext[];
  /** Extra phrases each tip is searched by (from `*.search.json`), by tip id; never shown. */
  readonly searchPhrases?: Readonly<Record<string, readonly string[]>>;
  /** Questions the knowledge does not answer (from `*.search.json`): the abstention side. */
  readonly notCovered?: readonly string[];
}

/** The pseudo tip id under which not-covered phrases are indexed. */
export const NOT_COVERED_ID = '~not-covered';

/** The pseudo group id under which the memory topics the guidance does not cover are scored (see `uncoveredTopicGroups`). */
export const UNCOVERED_MEMORY_ID = '~uncovered-memory';

/** One embedded view of a tip: its own words, or one of its search phrases. */
export interface TipFacet {
  /** `tipId` for the tip's text, `tipId#0` for its title, `tipId#n` for its n-th phrase: vectra item ids. */
  readonly id: string;
  readonly tipId: string;
  readonly text: string;
}

/**
 * What gets embedded for a tip: its title, section and text (code is left to BM25, where
 * identifiers match exactly), its title alone, and each search phrase on its own, so a question phrased like one
 * of them lands on the tip however little it shares with the guidance's wording.
 */
export function tipFacets(tip: Tip, phrases: readonly string[] = []): TipFacet[] {
  return [
    { id: tip.id, tipId: tip.id, text: `${tip.title}. ${tip.section}. ${tip.text}` },
    { id: `${tip.id}#0`, tipId: tip.id, text: tip.title },
    ...phrases.map((text, i) => ({ id: `${tip.id}#${i + 1}`, tipId: tip.id, text })),
  ];
}

/** Facets for the not-covered phrases: ids `~not-covered#n`. */
export function notCoveredFacets(phrases: readonly string[]): TipFacet[] {
  return phrases.map((text, i) => ({ id: `${NOT_COVERED_ID}#${i + 1}`, tipId: NOT_COVERED_ID, text }));
}

/** The tip id of a facet (vectra item) id. */
export function facetTipId(facetId: string): string {
  const hash = facetId.indexOf('#');
  return hash < 0 ? facetId : facetId.slice(0, hash);
}
