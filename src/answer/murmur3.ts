const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Austin Appleby's MurmurHash3_x86_128 (public domain, SMHasher), byte for byte: only 32-bit
 * integer operations, so it is fast in any JavaScript engine and needs no platform API. Returns
 * the four 32-bit words h1…h4 of the 128-bit hash, as the reference writes them.
 *
 * @example murmur3X86_128(new TextEncoder().encode('hello')) // [0x2b2444a0, 0xdb91def7, 0x9adb31b6, 0x9adb31b6]
 */
export function murmur3X86_128(data: Uint8Array, seed = 0): [number, number, number, number] {
  const length = data.length;
  const view = new DataView(data.buffer, data.byteOffset, length);
  const blocksEnd = length - (length & 15);
  let h1 = seed;
  let h2 = seed;
  let h3 = seed;
  let h4 = seed;

  for (let i = 0; i < blocksEnd; i += 16) {
    h1 ^= Math.imul(rotl(Math.imul(view.getUint32(i, true), C1), 15), C2);
    h1 = Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b;
    h2 ^= Math.imul(rotl(Math.imul(view.getUint32(i + 4, true), C2), 16), C3);
    h2 = Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747;
    h3 ^= Math.imul(rotl(Math.imul(view.getUint32(i + 8, true), C3), 17), C4);
    h3 = Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35;
    h4 ^= Math.imul(rotl(Math.imul(view.getUint32(i + 12, true), C4), 18), C1);
    h4 = Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17;
  }

  // The last 1–15 bytes, little-endian into up to four words (the reference's fall-through switch).
  const rest = length & 15;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  for (let j = 0; j < rest; j++) {
    const byte = (data[blocksEnd + j] ?? 0) << ((j & 3) * 8);
    if (j < 4) k1 ^= byte;
    else if (j < 8) k2 ^= byte;
    else if (j < 12) k3 ^= byte;
    else k4 ^= byte;
  }
  if (rest > 12) h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
  if (rest > 8) h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
  if (rest > 4) h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);

  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) >>> 0;
  return [h1, (h2 + h1) >>> 0, (h3 + h1) >>> 0, (h4 + h1) >>> 0];
}
