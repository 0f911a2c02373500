import type { LocalIndex } from 'vectra/browser';
import type { Tip } from '../knowledge/types.js';
import type { Embedder } from './embedder.js';
import type { LexicalIndex } from './lexical-index.js';

export interface ScoredTip {
  readonly tip: Tip;
  /** Fused relevance in [0, 1]: the weighted sum of the two signals below. */
  readonly score: number;
  /** Cosine similarity of query and tip vectors (vectra), clamped to [0, 1]. */
  readonly vectorScore: number;
  /** BM25 score squashed to [0, 1) by `s / (s + lexicalHalfPoint)`. */
  readonly lexicalScore: number;
}

export interface HybridRetrieverOptions {
  readonly tips: readonly Tip[];
  readonly vectors: LocalIndex;
  readonly lexical: LexicalIndex;
  readonly embedder: Embedder;
  /** Weight of the vector signal; the lexical one gets the rest. Default 0.5. */
  readonly vectorWeight?: number;
  /** BM25 score that maps to 0.5. Default 8 (about one strong title match). */
  readonly lexicalHalfPoint?: number;
}

/**
 * Hybrid search: vectra cosine similarity and MiniSearch BM25, fused by a convex combination of
 * the normalized scores. Unlike reciprocal rank fusion this keeps how strong a match is, which the
 * answerer needs to decide when to abstain.
 */
export class HybridRetriever {
  private readonly byId: ReadonlyMap<string, Tip>;
  private readonly vectorWeight: number;
  private readonly lexicalHalfPoint: number;

  constructor(private readonly options: HybridRetrieverOptions) {
    this.byId = new Map(options.tips.map((t) => [t.id, t]));
    this.vectorWeight = options.vectorWeight ?? 0.5;
    this.lexicalHalfPoint = options.lexicalHalfPoint ?? 8;
  }

  get embedderId(): string {
    return this.options.embedder.id;
  }

  /** Loads the vector index now rather than on the first query. */
  async warm(): Promise<void> {
    await this.options.vectors.getIndexStats();
  }

  async search(query: string, k: number): Promise<ScoredTip[]> {
    const [vector] = await this.options.embedder.embed([query]);
    const cosine = new Map<string, number>();
    if (vector) {
      const hits = await this.options.vectors.queryItems(vector, '', this.byId.size);
      for (const hit of hits) cosine.set(hit.item.id, Math.max(0, hit.score));
    }
    const lexical = new Map(this.options.lexical.query(query).map((h) => [h.id, h.score]));

    const scored: ScoredTip[] = [];
    for (const tip of this.byId.values()) {
      const vectorScore = cosine.get(tip.id) ?? 0;
      const bm25 = lexical.get(tip.id) ?? 0;
      const lexicalScore = bm25 / (bm25 + this.lexicalHalfPoint);
      const score = this.vectorWeight * vectorScore + (1 - this.vectorWeight) * lexicalScore;
      if (score > 0) scored.push({ tip, score: round(score), vectorScore: round(vectorScore), lexicalScore: round(lexicalScore) });
    }
    return scored.sort((a, b) => b.score - a.score || a.tip.id.localeCompare(b.tip.id)).slice(0, k);
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
