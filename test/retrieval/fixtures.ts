import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WordVectors, type WordVectorEntry } from '../../src/retrieval/word-vectors.js';

/** The word-vector table `npm test` builds (or finds current) before the suite runs. */
export const BUILT_WORD_VECTORS = fileURLToPath(new URL('../../build/word-vectors.bin', import.meta.url));

export async function builtWordVectorBytes(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(BUILT_WORD_VECTORS));
}

/**
 * A hand-made 4-dimensional table: "memory", "ram" and "storage" point the same way, "string"
 * and "text" another, "pizza" a third; "the" is frequent and weighs little.
 */
export function tinyTableEntries(): WordVectorEntry[] {
  return [
    { word: 'the', vector: [0.5, 0.5, 0.5, 0.5], weight: 0.01 },
    { word: 'memory', vector: [1, 0, 0, 0], weight: 0.9 },
    { word: 'ram', vector: [0.95, 0.1, 0, 0], weight: 0.95 },
    { word: 'storage', vector: [0.8, 0, 0, 0.3], weight: 0.9 },
    { word: 'string', vector: [0, 1, 0, 0], weight: 0.9 },
    { word: 'text', vector: [0.05, 0.9, 0, 0.1], weight: 0.8 },
    { word: 'pizza', vector: [0, 0, 1, 0], weight: 0.99 },
    { word: 'join', vector: [0, 0.6, 0, 0.8], weight: 0.9 },
  ];
}

export function tinyTable(): WordVectors {
  return WordVectors.decode(WordVectors.encode(4, tinyTableEntries()));
}
