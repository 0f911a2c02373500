/** Turns texts into fixed-length vectors. Build and query time must use the same `id`. */
export interface Embedder {
  /** Identifies the model and its settings; recorded in the index manifest. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}
