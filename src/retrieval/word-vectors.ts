/**
 * A compact word-vector table: int8 vectors with one float factor per word, in one binary blob
 * that loads without parsing JSON (Node reads it from the index folder, the Worker imports it as
 * a wrangler `Data` module).
 *
 * Layout, little-endian: "PMWV" · u16 version · u16 dimensions · u32 count · u32 wordBytes ·
 * u32 checksum (FNV-1a of everything after the header) · words (UTF-8, "\n"-separated, rank order) ·
 * zero padding to 4 bytes · f32[count] weights · f32[count] factors · i8[count × dimensions]
 * vectors. A word's weighted vector is `int8 row × factor`: the factor folds the quantization
 * scale and the word's SIF weight together, so a sentence vector is a plain sum of rows.
 */
const MAGIC = 0x56574d50; // "PMWV" read as a little-endian u32
/** Bumped with the layout; part of the build's staleness key. */
export const WORD_VECTORS_FORMAT = 2;
const VERSION = WORD_VECTORS_FORMAT;
const HEADER_BYTES = 20;

export interface WordVectorEntry {
  readonly word: string;
  /** Quantized to int8 per word on encoding. */
  readonly vector: ArrayLike<number>;
  /** The word's SIF weight in (0, 1]: how much it says about a sentence's topic. */
  readonly weight: number;
}

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
    private readonly rows: ReadonlyMap<string, number>,
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

  /** The word's rank: 0 is the most frequent word in the table. */
  rank(word: string): number | undefined {
    return this.rows.get(word);
  }

  words(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** The word's SIF weight, 0 when unknown. */
  weight(word: string): number {
    const row = this.rows.get(word);
    return row === undefined ? 0 : (this.weights[row] ?? 0);
  }

  /** The word's direction as a unit vector (for word-to-word cosine), or undefined. */
  unitVector(word: string): Float32Array | undefined {
    const row = this.rows.get(word);
    if (row === undefined) return undefined;
    const v = Float32Array.from(this.values.subarray(row * this.dimensions, (row + 1) * this.dimensions));
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) / norm;
    return v;
  }

  /** Adds `scale ×` the word's vector to `target`; false when the word is unknown. */
  addTo(target: Float64Array, word: string, scale = 1): boolean {
    const row = this.rows.get(word);
    if (row === undefined) return false;
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
    if (bytes.byteLength < HEADER_BYTES) throw new WordVectorFormatError('Word-vector table is truncated.');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new WordVectorFormatError('Not a word-vector table (bad magic).');
    const version = view.getUint16(4, true);
    if (version !== VERSION)
      throw new WordVectorFormatError(`Word-vector table version ${version}; this build reads ${VERSION}.`);
    const dimensions = view.getUint16(6, true);
    const count = view.getUint32(8, true);
    const wordBytes = view.getUint32(12, true);
    const weightsAt = align4(HEADER_BYTES + wordBytes);
    const factorsAt = weightsAt + count * 4;
    const valuesAt = factorsAt + count * 4;
    if (bytes.byteLength !== valuesAt + count * dimensions)
      throw new WordVectorFormatError('Word-vector table is truncated.');

    const words = new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + wordBytes)).split('\n');
    if (words.length !== count)
      throw new WordVectorFormatError('Word-vector table word list does not match its count.');
    const rows = new Map(words.map((w, i) => [w, i]));
    // Copies keep the typed arrays aligned whatever the source buffer's offset.
    const weights = new Float32Array(bytes.slice(weightsAt, factorsAt).buffer);
    const factors = new Float32Array(bytes.slice(factorsAt, valuesAt).buffer);
    const values = new Int8Array(bytes.buffer, bytes.byteOffset + valuesAt, count * dimensions);
    const checksum = view.getUint32(16, true).toString(16).padStart(8, '0');
    return new WordVectors(dimensions, rows, weights, factors, values, checksum);
  }

  /** Quantizes entries (in rank order) into the binary layout above. */
  static encode(dimensions: number, entries: readonly WordVectorEntry[]): Uint8Array {
    const wordBytes = new TextEncoder().encode(entries.map((e) => e.word).join('\n'));
    const weightsAt = align4(HEADER_BYTES + wordBytes.byteLength);
    const factorsAt = weightsAt + entries.length * 4;
    const valuesAt = factorsAt + entries.length * 4;
    const out = new Uint8Array(valuesAt + entries.length * dimensions);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint16(4, VERSION, true);
    view.setUint16(6, dimensions, true);
    view.setUint32(8, entries.length, true);
    view.setUint32(12, wordBytes.byteLength, true);
    out.set(wordBytes, HEADER_BYTES);
    const values = new Int8Array(out.buffer, valuesAt);
    entries.forEach((entry, row) => {
      if (entry.word.includes('\n') || entry.word === '')
        throw new WordVectorFormatError(`Bad word ${JSON.stringify(entry.word)}.`);
      let max = 0;
      for (let d = 0; d < dimensions; d++) max = Math.max(max, Math.abs(entry.vector[d] ?? 0));
      const scale = max / 127 || 0;
      view.setFloat32(weightsAt + row * 4, entry.weight, true);
      view.setFloat32(factorsAt + row * 4, scale * entry.weight, true);
      for (let d = 0; d < dimensions; d++)
        values[row * dimensions + d] = scale ? Math.round((entry.vector[d] ?? 0) / scale) : 0;
    });
    view.setUint32(16, fnv1a(out.subarray(HEADER_BYTES)), true);
    return out;
  }
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
