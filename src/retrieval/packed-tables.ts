/**
 * How the build's precomputed tables travel to the runtime: typed arrays in one binary, read in
 * place (no parsing, no copying), and string lists with their own hash index, so looking a word up
 * needs no `Map` built at start-up.
 *
 * Why: at start-up the runtime used to rebuild every lookup structure from JSON (a MiniSearch
 * tree, word → row and word → tip maps, the typo lexicon): 0.8 s for a 1,000-unit knowledge, most
 * of a Worker's cold start. Read in place, the same tables cost well under a millisecond.
 */

/** A typed array a section may hold. */
export type PackedArray = Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const ARRAY_TYPES = [Uint8Array, Int8Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array] as const;

type ArrayType = (typeof ARRAY_TYPES)[number];

export class PackedFormatError extends Error {
  override readonly name = 'PackedFormatError';
}

/**
 * A list of strings as code units in one array, with an open-addressing hash index over them:
 * `indexOf` hashes the word and compares code units, with nothing decoded or allocated. Code units
 * (not UTF-8) so any JavaScript string round-trips and a lookup never encodes; one byte each when
 * every string is Latin-1 (the usual case), two otherwise, and 16-bit slots under 65,535 strings.
 * Stored with each string's length in a byte when every one is under 256 (a quarter of the bytes
 * of offsets, and they compress well): the offsets are summed up on reading.
 *
 * @example
 * const words = PackedStrings.from(['gc', 'weakref']);
 * words.indexOf('weakref'); // 1
 */
export class PackedStrings {
  private constructor(
    /** Every string's code units, one after the other. */
    private readonly units: Uint8Array | Uint16Array,
    /** String i is `units[offsets[i] … offsets[i + 1])`. */
    private readonly offsets: Uint32Array,
    /** Open addressing, linear probing: 0 is an empty slot, else 1 + a string's index. */
    private readonly slots: Uint16Array | Uint32Array,
    /** Strings at or past this index are not part of this list (see {@link prefix}). */
    private readonly limit: number = offsets.length - 1,
  ) {}

  /** The strings in order; a repeated one keeps its first index. */
  static from(strings: Iterable<string>): PackedStrings {
    const list = [...strings];
    const offsets = new Uint32Array(list.length + 1);
    let total = 0;
    list.forEach((s, i) => {
      total += s.length;
      offsets[i + 1] = total;
    });
    // Every code unit under 256: one byte each.
    const latin1 = list.every((s) => {
      for (let c = 0; c < s.length; c++) if (s.charCodeAt(c) > 0xff) return false;
      return true;
    });
    const units = latin1 ? new Uint8Array(total) : new Uint16Array(total);
    list.forEach((s, i) => {
      const at = offsets[i] ?? 0;
      for (let c = 0; c < s.length; c++) units[at + c] = s.charCodeAt(c);
    });
    // At most two thirds full: a lookup probes about two slots.
    let capacity = 8;
    while (capacity < list.length * 1.5) capacity *= 2;
    const slots = list.length < 0xffff ? new Uint16Array(capacity) : new Uint32Array(capacity);
    const table = new PackedStrings(units, offsets, slots);
    list.forEach((s, i) => table.insert(s, i));
    return table;
  }

  /** The arrays `sections` stores, under `prefix`: the code units, the lengths (or offsets), the slots. */
  sections(prefix: string): Record<string, PackedArray> {
    if (this.limit !== this.offsets.length - 1)
      throw new PackedFormatError('A prefix of packed strings is not packed on its own.');
    const count = this.offsets.length - 1;
    let short = true;
    for (let i = 0; i < count && short; i++) short = (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0) < 256;
    const extent = short
      ? {
          [`${prefix}.lengths`]: Uint8Array.from(
            { length: count },
            (_, i) => (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0),
          ),
        }
      : { [`${prefix}.offsets`]: this.offsets };
    return { [`${prefix}.units`]: this.units, ...extent, [`${prefix}.slots`]: this.slots };
  }

  static fromSections(sections: PackedSections, prefix: string): PackedStrings {
    const offsets = sections.has(`${prefix}.lengths`)
      ? runningTotals(sections.get(`${prefix}.lengths`, Uint8Array))
      : sections.get(`${prefix}.offsets`, Uint32Array);
    const units = sections.get(`${prefix}.units`, Uint8Array, Uint16Array);
    if ((offsets[offsets.length - 1] ?? 0) !== units.length)
      throw new PackedFormatError(`Packed strings "${prefix}" do not add up: rebuild the index.`);
    return new PackedStrings(units, offsets, sections.get(`${prefix}.slots`, Uint16Array, Uint32Array));
  }

  /** The first `count` strings as a list of their own: `indexOf` finds only them. */
  prefix(count: number): PackedStrings {
    return new PackedStrings(this.units, this.offsets, this.slots, Math.min(count, this.limit));
  }

  get size(): number {
    return this.limit;
  }

  /** The i-th string (decoded: a new string each call). */
  at(i: number): string {
    const start = this.offsets[i] ?? 0;
    const end = this.offsets[i + 1] ?? start;
    if (end - start <= 64) {
      let s = '';
      for (let at = start; at < end; at++) s += String.fromCharCode(this.units[at] as number);
      return s;
    }
    let s = '';
    // Chunked: String.fromCharCode takes its arguments on the stack.
    for (let at = start; at < end; at += 4096)
      s += String.fromCharCode(...this.units.subarray(at, Math.min(end, at + 4096)));
    return s;
  }

  /** Every string, in order. */
  toArray(): string[] {
    return Array.from({ length: this.size }, (_, i) => this.at(i));
  }

  /** The i-th string's length, and its c-th code unit: for comparing without decoding. */
  lengthAt(i: number): number {
    return (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0);
  }

  codeAt(i: number, c: number): number {
    return this.units[(this.offsets[i] ?? 0) + c] ?? 0;
  }

  /** The first index of `s`, or -1. */
  indexOf(s: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(s) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      if (this.equals(entry - 1, s)) return entry - 1 < this.limit ? entry - 1 : -1;
    }
  }

  /** The index of `other`'s i-th string in this list, or -1: compared code unit by code unit, nothing decoded. */
  indexOfEntry(other: PackedStrings, i: number): number {
    const start = other.offsets[i] ?? 0;
    const end = other.offsets[i + 1] ?? start;
    const units = other.units;
    let hash = 0x811c9dc5;
    for (let c = start; c < end; c++) hash = Math.imul(hash ^ (units[c] as number), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = (hash >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      const j = entry - 1;
      const at = this.offsets[j] ?? 0;
      if ((this.offsets[j + 1] ?? 0) - at !== end - start) continue;
      let same = true;
      for (let c = 0; c < end - start && same; c++) same = this.units[at + c] === units[start + c];
      if (same) return j < this.limit ? j : -1;
    }
  }

  has(s: string): boolean {
    return this.indexOf(s) >= 0;
  }

  private equals(i: number, s: string): boolean {
    const start = this.offsets[i] ?? 0;
    if ((this.offsets[i + 1] ?? 0) - start !== s.length) return false;
    for (let c = 0; c < s.length; c++) if (this.units[start + c] !== s.charCodeAt(c)) return false;
    return true;
  }

  private insert(s: string, i: number): void {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(s) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) {
        this.slots[slot] = i + 1;
        return;
      }
      if (this.equals(entry - 1, s)) return;
    }
  }
}

/**
 * Where each item starts, from how long each is: `[0, c0, c0 + c1, …]`, one longer than `counts`.
 * Tables store counts (small numbers, which compress) and the runtime sums them up here: one
 * loop for all of them, so a fresh process warms it once.
 */
export function runningTotals(counts: Uint8Array | Uint16Array | Uint32Array): Uint32Array {
  // One loop per array type: a loop that meets bytes, then 16-bit counts, then bytes again is
  // optimized and thrown away each time, and a fresh process ran it mostly unoptimized (8 of the
  // 30 ms a 1,000-unit index took to load).
  if (counts instanceof Uint8Array) return totalsOfBytes(counts);
  if (counts instanceof Uint16Array) return totalsOfShorts(counts);
  return totalsOfInts(counts);
}

function totalsOfBytes(counts: Uint8Array): Uint32Array {
  const totals = new Uint32Array(counts.length + 1);
  let total = 0;
  for (let i = 0; i < counts.length; i++) totals[i + 1] = total += counts[i] as number;
  return totals;
}

function totalsOfShorts(counts: Uint16Array): Uint32Array {
  const totals = new Uint32Array(counts.length + 1);
  let total = 0;
  for (let i = 0; i < counts.length; i++) totals[i + 1] = total += counts[i] as number;
  return totals;
}

function totalsOfInts(counts: Uint32Array): Uint32Array {
  const totals = new Uint32Array(counts.length + 1);
  let total = 0;
  for (let i = 0; i < counts.length; i++) totals[i + 1] = total += counts[i] as number;
  return totals;
}

/** FNV-1a over a string's UTF-16 code units. */
function hashOf(s: string): number {
  let hash = 0x811c9dc5;
  for (let c = 0; c < s.length; c++) {
    hash ^= s.charCodeAt(c);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const MAGIC = 0x54504d50; // "PMPT" read as a little-endian u32
const NAME_BYTES = 40;
/** Each directory entry: name, array type (u32), byte offset (u32), element count (u32). */
const ENTRY_BYTES = NAME_BYTES + 12;

/**
 * Named typed arrays in one buffer: "PMPT" · u32 section count · directory (name, type, offset,
 * count per section) · each array 8-byte aligned. Read in place: every array is a view of the
 * buffer it came in (copied once if that buffer is not 8-byte aligned).
 *
 * @example
 * const bytes = packSections({ 'facet.norms': norms, 'facet.vectors': matrix });
 * PackedSections.read(bytes).get('facet.norms', Float64Array);
 */
export class PackedSections {
  private constructor(private readonly arrays: ReadonlyMap<string, PackedArray>) {}

  static read(data: ArrayBuffer | ArrayBufferView): PackedSections {
    let bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
    if (bytes.byteLength < 8) throw new PackedFormatError('Packed tables are truncated.');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC)
      throw new PackedFormatError('Not packed tables (bad magic): rebuild the index.');
    const count = view.getUint32(4, true);
    const arrays = new Map<string, PackedArray>();
    const names = new TextDecoder();
    for (let s = 0; s < count; s++) {
      const entry = 8 + s * ENTRY_BYTES;
      const nameBytes = bytes.subarray(entry, entry + NAME_BYTES);
      const name = names.decode(nameBytes.subarray(0, nameBytes.indexOf(0) < 0 ? NAME_BYTES : nameBytes.indexOf(0)));
      const Type = ARRAY_TYPES[view.getUint32(entry + NAME_BYTES, true)];
      const offset = view.getUint32(entry + NAME_BYTES + 4, true);
      const length = view.getUint32(entry + NAME_BYTES + 8, true);
      if (!Type || offset + length * Type.BYTES_PER_ELEMENT > bytes.byteLength)
        throw new PackedFormatError(`Packed table "${name}" is truncated: rebuild the index.`);
      arrays.set(name, new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length));
    }
    return new PackedSections(arrays);
  }

  has(name: string): boolean {
    return this.arrays.has(name);
  }

  /** The array `name`, of one of `types`. */
  get<T extends readonly ArrayType[]>(name: string, ...types: T): InstanceType<T[number]> {
    const array = this.arrays.get(name);
    if (!types.some((type) => array instanceof type)) {
      throw new PackedFormatError(
        `Packed table "${name}" is missing or not a ${types.map((t) => t.name).join(' or ')}: rebuild the index.`,
      );
    }
    return array as InstanceType<T[number]>;
  }
}

/** Writes named arrays in the layout {@link PackedSections} reads. */
export function packSections(arrays: Readonly<Record<string, PackedArray>>): Uint8Array {
  const entries = Object.entries(arrays);
  let offset = align8(8 + entries.length * ENTRY_BYTES);
  const placed = entries.map(([name, array]) => {
    const at = offset;
    offset = align8(offset + array.byteLength);
    return { name, array, at };
  });
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, entries.length, true);
  const encoder = new TextEncoder();
  placed.forEach(({ name, array, at }, s) => {
    const entry = 8 + s * ENTRY_BYTES;
    const nameBytes = encoder.encode(name);
    if (nameBytes.byteLength > NAME_BYTES)
      throw new PackedFormatError(`Section name "${name}" is over ${NAME_BYTES} bytes.`);
    out.set(nameBytes, entry);
    view.setUint32(
      entry + NAME_BYTES,
      ARRAY_TYPES.findIndex((Type) => array instanceof Type),
      true,
    );
    view.setUint32(entry + NAME_BYTES + 4, at, true);
    view.setUint32(entry + NAME_BYTES + 8, array.length, true);
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
  });
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
