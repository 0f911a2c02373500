import { describe, expect, it } from 'vitest';
import { murmur3X86_128 } from '../../src/answer/murmur3.js';

const hex = (words: readonly number[]) => words.map((w) => w.toString(16).padStart(8, '0')).join('');

describe('murmur3X86_128', () => {
  // SMHasher's VerificationTest: hash the keys {}, {0}, {0,1}, … {0,…,254} with seeds 256…1, hash
  // the 256 results (little-endian words) with seed 0; its first word is 0xB3ECE62A for x86_128.
  it("passes SMHasher's verification test of MurmurHash3_x86_128", () => {
    const key = new Uint8Array(256);
    const hashes = new Uint8Array(16 * 256);
    const view = new DataView(hashes.buffer);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      murmur3X86_128(key.subarray(0, i), 256 - i).forEach((word, j) => view.setUint32(i * 16 + j * 4, word, true));
    }
    expect(murmur3X86_128(hashes, 0)[0]).toBe(0xb3ece62a);
  });

  it.each([
    ['', '00000000000000000000000000000000'],
    ['hello', '2b2444a0db91def79adb31b69adb31b6'],
    ['xxxxxxxxxxxxxxx', '82fa43b5781c405b548d3393159d871b'], // 15 bytes: tail only
    ['yyyyyyyyyyyyyyyy', '3e448e31e62529d5990a6b273563e1fe'], // one block, no tail
    ['zzzzzzzzzzzzzzzzz', 'f0d478e9180154a08d68b82e32f6821d'], // a block and one byte
  ])('hashes %j to %s', (text, expected) => {
    expect(hex(murmur3X86_128(new TextEncoder().encode(text)))).toBe(expected);
  });

  it('reads only the bytes of a subarray', () => {
    const bytes = new TextEncoder().encode('__hello__');
    expect(hex(murmur3X86_128(bytes.subarray(2, 7)))).toBe('2b2444a0db91def79adb31b69adb31b6');
  });
});
