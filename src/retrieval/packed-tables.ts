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
    const latin1 = list.every((s) => /^[\u0000-\u00ff]*$/.test(s));
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

  /** The arrays `sections` stores, under `prefix`. */
  sections(prefix: string): Record<string, PackedArray> {
    return { [`${prefix}.units`]: this.units, [`${prefix}.offsets`]: this.offsets, [`${prefix}.slots`]: this.slots };
  }

  static fromSections(sections: PackedSections, prefix: string): PackedStrings {
    return new PackedStrings(
      sections.get(`${prefix}.units`, Uint8Array, Uint16Array),
      sections.get(`${prefix}.offsets`, Uint32Array),
      sections.get(`${prefix}.slots`, Uint16Array, Uint32Array),
    );
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** The i-th string (decoded: a new string each call). */
  at(i: number): string {
    const start = this.offsets[i] ?? 0;
    const end = this.offsets[i + 1] ?? start;
    let s = '';
    // Chunked: String.fromCharCode takes its arguments on the stack.
    for (let at = start; at < end; at += 4096) s += String.fromCharCode(...this.units.subarray(at, Math.min(end, at + 4096)));
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
      if (this.equals(entry - 1, s)) return entry - 1;
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
    let bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
    if (bytes.byteLength < 8) throw new PackedFormatError('Packed tables are truncated.');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new PackedFormatError('Not packed tables (bad magic): rebuild the index.');
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
      if (!Type || offset + length * Type.BYTES_PER_ELEMENT > bytes.byteLength) throw new PackedFormatError(`Packed table "${name}" is truncated: rebuild the index.`);
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
      throw new PackedFormatError(`Packed table "${name}" is missing or not a ${types.map((t) => t.name).join(' or ')}: rebuild the index.`);
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
    if (nameBytes.byteLength > NAME_BYTES) throw new PackedFormatError(`Section name "${name}" is over ${NAME_BYTES} bytes.`);
    out.set(nameBytes, entry);
    view.setUint32(entry + NAME_BYTES, ARRAY_TYPES.findIndex((Type) => array instanceof Type), true);
    view.setUint32(entry + NAME_BYTES + 4, at, true);
    view.setUint32(entry + NAME_BYTES + 8, array.length, true);
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
  });
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
