import type { Embedder } from './embedder.js';
import { charTrigrams, tokenize } from './tokenize.js';

export interface HashedNgramEmbedderOptions {
  /** Vector length; more dimensions mean fewer hash collisions. Default 4096. */
  readonly dimensions?: number;
}

type FeatureKind = 'w' | 'b' | 'c';
/** Words count most; bigrams add phrase sense; character trigrams carry typos. */
const FEATURE_WEIGHT: Record<FeatureKind, number> = { w: 1, b: 0.5, c: 0.25 };

/**
 * Deterministic, offline embedder: stemmed words, word bigrams and character trigrams hashed
 * (signed feature hashing) into one L2-normalized vector. Trigrams make typos land near the
 * right word ("garbige" shares most trigrams with "garbage").
 *
 * @example
 * const [v] = await new HashedNgramEmbedder().embed(['weak references']);
 */
export class HashedNgramEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  constructor(options: HashedNgramEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? 4096;
    this.id = `hashed-ngram-v2-${this.dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    const count = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const terms = tokenize(text);
    terms.forEach((term, i) => {
      count(`w:${term}`);
      const next = terms[i + 1];
      if (next) count(`b:${term} ${next}`);
      for (const gram of charTrigrams(term)) count(`c:${gram}`);
    });

    const vector = new Float64Array(this.dimensions);
    for (const [feature, n] of counts) {
      const slot = fnv1a(feature) % this.dimensions;
      const sign = fnv1a(`sign:${feature}`) & 1 ? -1 : 1;
      // Sublinear term frequency: a word said five times is not five times as relevant.
      const weight = FEATURE_WEIGHT[feature[0] as FeatureKind] * (1 + Math.log(n));
      vector[slot] = (vector[slot] ?? 0) + sign * weight;
    }
    return normalize(vector);
  }
}

function normalize(vector: Float64Array): number[] {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable, good enough spread for hashing features. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
