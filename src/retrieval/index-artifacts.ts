import type { KnowledgeContext, Tip } from '../knowledge/types.js';

/** Bumped whenever the chunker or the artifact layout changes, so old builds are rebuilt. */
export const INDEX_FORMAT = 1;

/** File names inside the index build folder. `vectors` is vectra's own `index.json`. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  knowledge: 'knowledge.json',
  lexical: 'lexical.json',
  vectors: 'index.json',
} as const;

export interface IndexManifest {
  readonly format: number;
  /** sha256 over every knowledge file's name and bytes, in name order. */
  readonly knowledgeHash: string;
  readonly embedder: { readonly id: string; readonly dimensions: number };
  readonly tipCount: number;
  readonly files: readonly string[];
}

export interface KnowledgeArtifact {
  readonly tips: readonly Tip[];
  readonly context: readonly KnowledgeContext[];
}

/** The text a tip is embedded and searched by. */
export function tipSearchText(tip: Tip): string {
  const code = tip.examples.map((e) => e.code).join('\n');
  return `${tip.title}. ${tip.section}. ${tip.text}${code ? `\n${code}` : ''}`;
}
