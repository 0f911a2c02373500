import { questionKey } from '../feedback/question-key.js';
import { murmur3X86_128 } from './murmur3.js';

// Answer ids are RFC 9562 UUIDv8 ("custom") ids that carry the hash of their question, so the
// feedback store can count answers per question and still link a verdict to it (issue #8).
// Layout, in hex digits: hhhhhhhh-hhhh-8hhh-vrrr-rrrrrrrrrrrr
//   h: the 60 bits of the question hash (custom_a: 48, custom_b: 12); 8: the version;
//   v: the variant 0b10 and 2 random bits; r: 60 random bits (custom_c: 62 random bits in all).

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const NIBBLE = '0123456789abcdef';
const VARIANT = '89ab';
const QUESTION_HASH = /^[0-9a-f]{15}$/;
const V8_ID = /^([0-9a-f]{8})-([0-9a-f]{4})-8([0-9a-f]{3})-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const encoder = new TextEncoder();
let utf8 = new Uint8Array(256);

// Random bytes drawn 4 KiB at a time (512 ids), lazily: Workers refuse randomness at start-up.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;

/** Eight hex digits of an unsigned 32-bit word (a table lookup per byte: faster than toString(16)). */
const hex32 = (word: number) => `${HEX[word >>> 24]}${HEX[(word >>> 16) & 255]}${HEX[(word >>> 8) & 255]}${HEX[word & 255]}`;

/** The offset of 8 fresh random bytes in `pool`. */
function drawRandom8(): number {
  if (poolAt + 8 > pool.length) {
    if (pool.length === 0) pool = new Uint8Array(POOL_BYTES);
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += 8;
  return at;
}

/**
 * The question's 60-bit hash as 15 lowercase hex digits: the first 60 bits (h1, then h2) of
 * MurmurHash3_x86_128, seed 0, over the UTF-8 bytes of its `questionKey`, so repeats that differ
 * only in case, spacing or trailing punctuation share it. Pure JavaScript: the same on Node and
 * in workerd. Not a secret: anyone who knows a question can compute it.
 *
 * @example questionHash('How do I use weakref?') === questionHash('how do i use  WEAKREF') // true
 */
export function questionHash(question: string): string {
  const key = questionKey(question);
  if (utf8.length < key.length * 3) utf8 = new Uint8Array(key.length * 3);
  const { written } = encoder.encodeInto(key, utf8);
  const [h1, h2] = murmur3X86_128(utf8.subarray(0, written));
  return `${hex32(h1)}${hex32(h2).slice(0, 7)}`;
}

/**
 * A new UUIDv8 answer id carrying `hash` (from `questionHash`) in its custom_a and custom_b
 * fields, with 62 random bits (`crypto.getRandomValues`) in custom_c. It is a valid RFC 9562
 * UUID (`z.uuid()` accepts it).
 *
 * @example answerIdFor('2b2444a0db91def') // '2b2444a0-db91-8def-a3c1-5e0f4d2b9c7a' (random after '8def-', but for the variant)
 */
export function answerIdFor(hash: string): string {
  if (!QUESTION_HASH.test(hash)) throw new TypeError(`A question hash is 15 lowercase hex digits, not "${hash}".`);
  const at = drawRandom8();
  const r = pool;
  const r0 = r[at] ?? 0;
  return (
    `${hash.slice(0, 8)}-${hash.slice(8, 12)}-8${hash.slice(12, 15)}-` +
    `${VARIANT[r0 & 3]}${NIBBLE[r0 >> 4]}${HEX[r[at + 1] ?? 0]}-` +
    `${HEX[r[at + 2] ?? 0]}${HEX[r[at + 3] ?? 0]}${HEX[r[at + 4] ?? 0]}${HEX[r[at + 5] ?? 0]}${HEX[r[at + 6] ?? 0]}${HEX[r[at + 7] ?? 0]}`
  );
}

/**
 * A new answer id for an answer to `question`: `answerIdFor(questionHash(question))`.
 *
 * @example newAnswerId('How do I use weakref?') // 'xxxxxxxx-xxxx-8xxx-…', unique per call
 */
export function newAnswerId(question: string): string {
  return answerIdFor(questionHash(question));
}

/**
 * The question hash an answer id carries (lowercase), or undefined when the id is not such a
 * UUIDv8 (for example a random v4 id of an earlier version).
 *
 * @example questionHashOf(newAnswerId('gc?')) === questionHash('gc?') // true
 */
export function questionHashOf(answerId: string): string | undefined {
  const parts = V8_ID.exec(answerId);
  return parts ? `${parts[1]}${parts[2]}${parts[3]}`.toLowerCase() : undefined;
}
