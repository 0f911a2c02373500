import { packSections, PackedFormatError, PackedSections, PackedStrings } from './packed-tables.js';

/**
 * A compact word-vector table: int8 vectors with one float factor per word, in one binary blob
 * that loads without parsing (Node reads it from the index folder, the Worker imports it as a
 * wrangler `Data` module) and looks words up in place (see PackedStrings): no 10,000-entry `Map`
 * to build at start-up.
 *
 * Layout, little-endian: "PMWV" · u16 version · u16 dimensions · u32 count · u32 tables bytes ·
 * u32 checksum · u32 zero · packed tables (see PackedSections): `words` (rank order, hashed;
 * see PackedStrings), `weights` f32[count], `factors` f32[count], `values` i8[count × dimensions].
 * Version 4 stores the words' lengths where version 3 stored their offsets; both are read. A word's weighted
 * vector is `int8 row × factor`: the factor folds the quantization scale and the word's SIF weight
 * together, so a sentence vector is a plain sum of rows.
 */
const MAGIC = 0x56574d50; // "PMWV" read as a little-endian u32
/** Bumped with the layout; part of the build's staleness key. */
export const WORD_VECTORS_FORMAT = 4;
const VERSION = WORD_VECTORS_FORMAT;
/** Versions `decode` reads: the same layout but for how PackedStrings records where each word ends. */
const READABLE_VERSIONS: readonly number[] = [3, 4];
const HEADER_BYTES = 24;

export interface WordVectorEntry {
  readonly word: string;
  /** Quantized to int8 per word on encoding. */
  readonly vector: ArrayLike<number>;
  /** The word's SIF weight in (0, 1]: how much it says about a sentence's topic. */
  readonly weight: number;
}

/**
 * What counts as common English: the table's first rows. It starts with GloVe's most frequent
 * plain words in frequency order (9,963 of its 10,000 most frequent tokens; the build recipe's
 * `topWords`) and goes on with the knowledge's other words in GloVe's order, so its first 10,000
 * rows also hold the knowledge's 37 most frequent others ("float", GloVe's 11,287th).
 */
const COMMON_WORDS = 10_000;

export class WordVectorFormatError extends Error {
  override readonly name = 'WordVectorFormatError';
}

/**
 * @example
 * const table = WordVectors.decode(readFileSync('build/index/word-vectors.bin'));
 * table.addTo(sum, 'memory', 1);
 */
export class WordVectors {
  private constructor(
    readonly dimensions: number,
    private readonly rows: PackedStrings,
    private readonly weights: Float32Array,
    private readonly factors: Float32Array,
    private readonly values: Int8Array,
    /** FNV-1a of the table's content, as 8 hex digits: identifies the table in embedder ids. */
    readonly checksum: string,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  /** Whether the table knows the word. */
  has(word: string): boolean {
    return this.rows.has(word);
  }

  /**
   * Whether the word is among the commonest English words (the first {@link COMMON_WORDS} rows),
   * not one the knowledge added (names, plurals of code words: "callbacks", "iterators").
   */
  isCommon(word: string): boolean {
    const row = this.rows.indexOf(word);
    return row >= 0 && row < COMMON_WORDS;
  }

  /** The word's rank: 0 is the most frequent word in the table. */
  rank(word: string): number | undefined {
    const row = this.rows.indexOf(word);
    return row < 0 ? undefined : row;
  }

  /** The rank of `strings`' i-th string, -1 when unknown: looked up without decoding it. */
  rankOfEntry(strings: PackedStrings, i: number): number {
    return this.rows.indexOfEntry(strings, i);
  }

  *words(): IterableIterator<string> {
    for (let i = 0; i < this.rows.size; i++) yield this.rows.at(i);
  }

  /** The word's SIF weight, 0 when unknown. */
  weight(word: string): number {
    const row = this.rows.indexOf(word);
    return row < 0 ? 0 : (this.weights[row] ?? 0);
  }

  /** The word's direction as a unit vector (for word-to-word cosine), or undefined. */
  unitVector(word: string): Float32Array | undefined {
    const row = this.rows.indexOf(word);
    return row < 0 ? undefined : this.unitVectorAt(row);
  }

  /** The row of `rank` as stored: int8 components, the word's direction (its unit vector is this over its length). */
  rowValues(row: number): Int8Array {
    return this.values.subarray(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /** The row of `rank` as a unit vector. */
  unitVectorAt(row: number): Float32Array {
    const v = Float32Array.from(this.values.subarray(row * this.dimensions, (row + 1) * this.dimensions));
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) / norm;
    return v;
  }

  /** Adds `scale ×` the word's vector to `target`; false when the word is unknown. */
  addTo(target: Float64Array, word: string, scale = 1): boolean {
    const row = this.rows.indexOf(word);
    if (row < 0) return false;
    const factor = (this.factors[row] ?? 0) * scale;
    const offset = row * this.dimensions;
    for (let d = 0; d < this.dimensions; d++) target[d] = (target[d] ?? 0) + (this.values[offset + d] ?? 0) * factor;
    return true;
  }

  static decode(data: ArrayBuffer | ArrayBufferView): WordVectors {
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength >= 4 && view.getUint32(0, true) !== MAGIC)
      throw new WordVectorFormatError('Not a word-vector table (bad magic).');
    if (bytes.byteLength < HEADER_BYTES) throw new WordVectorFormatError('Word-vector table is truncated.');
    const version = view.getUint16(4, true);
    if (!READABLE_VERSIONS.includes(version))
      throw new WordVectorFormatError(
        `Word-vector table version ${version}; this build reads ${READABLE_VERSIONS.join(' and ')}.`,
      );
    const dimensions = view.getUint16(6, true);
    const count = view.getUint32(8, true);
    const tablesBytes = view.getUint32(12, true);
    if (bytes.byteLength !== HEADER_BYTES + tablesBytes)
      throw new WordVectorFormatError('Word-vector table is truncated.');
    let tables: PackedSections;
    try {
      tables = PackedSections.read(bytes.subarray(HEADER_BYTES));
    } catch (err) {
      throw new WordVectorFormatError(
        `Word-vector table is damaged: ${err instanceof PackedFormatError ? err.message : String(err)}`,
      );
    }
    const words = PackedStrings.fromSections(tables, 'words');
    const values = tables.get('values', Int8Array);
    if (words.size !== count || values.length !== count * dimensions)
      throw new WordVectorFormatError('Word-vector table word list does not match its count.');
    const checksum = view.getUint32(16, true).toString(16).padStart(8, '0');
    return new WordVectors(
      dimensions,
      words,
      tables.get('weights', Float32Array),
      tables.get('factors', Float32Array),
      values,
      checksum,
    );
  }

  /** Quantizes entries (in rank order) into the binary layout above. */
  static encode(dimensions: number, entries: readonly WordVectorEntry[]): Uint8Array {
    const weights = new Float32Array(entries.length);
    const factors = new Float32Array(entries.length);
    const values = new Int8Array(entries.length * dimensions);
    entries.forEach((entry, row) => {
      if (entry.word.includes('\n') || entry.word === '')
        throw new WordVectorFormatError(`Bad word ${JSON.stringify(entry.word)}.`);
      let max = 0;
      for (let d = 0; d < dimensions; d++) max = Math.max(max, Math.abs(entry.vector[d] ?? 0));
      const scale = max / 127 || 0;
      weights[row] = entry.weight;
      factors[row] = scale * entry.weight;
      for (let d = 0; d < dimensions; d++)
        values[row * dimensions + d] = scale ? Math.round((entry.vector[d] ?? 0) / scale) : 0;
    });
    const words = entries.map((e) => e.word);
    const tables = packSections({ ...PackedStrings.from(words).sections('words'), weights, factors, values });
    const out = new Uint8Array(HEADER_BYTES + tables.byteLength);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint16(4, VERSION, true);
    view.setUint16(6, dimensions, true);
    view.setUint32(8, entries.length, true);
    view.setUint32(12, tables.byteLength, true);
    view.setUint32(16, contentChecksum(words, weights, factors, values), true);
    out.set(tables, HEADER_BYTES);
    return out;
  }
}

/**
 * FNV-1a over the table's content as the version-2 layout wrote it (the words "\n"-joined in
 * UTF-8, zero-padded to 4 bytes after a 20-byte header, then weights, factors and values), so a
 * table keeps its checksum, hence the embedder id and every index built with it, whatever the
 * layout it travels in.
 */
function contentChecksum(
  words: readonly string[],
  weights: Float32Array,
  factors: Float32Array,
  values: Int8Array,
): number {
  const wordBytes = new TextEncoder().encode(words.join('\n'));
  const padded = align4(20 + wordBytes.byteLength) - 20;
  const content = new Uint8Array(padded + weights.byteLength + factors.byteLength + values.byteLength);
  content.set(wordBytes, 0);
  const floats = new DataView(content.buffer);
  weights.forEach((w, i) => floats.setFloat32(padded + i * 4, w, true));
  factors.forEach((f, i) => floats.setFloat32(padded + weights.byteLength + i * 4, f, true));
  content.set(
    new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    padded + weights.byteLength + factors.byteLength,
  );
  return fnv1a(content);
}

/** 32-bit FNV-1a over bytes. */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
