import { createHash } from 'node:crypto';

// Answer ids are RFC 9562 UUIDv8 ("custom") ids that carry the hash of their question, so the
// feedback store can count answers per question and still link a verdict to it (issue #8).
// Layout, in hex digits: hhhhhhhh-hhhh-8hhh-vrrr-rrrrrrrrrrrr
//   h: the first 60 bits of the question's SHA-256 (custom_a: 48, custom_b: 12); 8: the version;
//   v: the variant 0b10 and 2 random bits; r: 60 random bits (the last 62 random bits of a
//   `crypto.randomUUID()`, whose variant is the same).

const QUESTION_HASH = /^[0-9a-f]{15}$/;
const V8_ID = /^([0-9a-f]{8})-([0-9a-f]{4})-8([0-9a-f]{3})-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** `?`, `!`, `.` and the space: what a key may not end with. */
const TRAILING = new Set([0x3f, 0x21, 0x2e, 0x20]);
/** White space other than single spaces: most questions have none, and testing is 5× cheaper than replacing. */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/**
 * Normalizes a question so that repeats group together in the summary: Unicode NFKC, lower case,
 * runs of white space as one space, no trailing `?`, `!` or `.`.
 *
 * @example questionKey('  How do I  use weakref?? ') // 'how do i use weakref'
 */
export function questionKey(question: string): string {
  const lower = question.normalize('NFKC').toLowerCase();
  const key = (UNEVEN_SPACE.test(lower) ? lower.replace(/\s+/g, ' ') : lower).trim();
  // A loop, not /[?!.\s]+$/: that regex retries from every character of a long run of dots or
  // spaces, quadratic in the run (3 ms for a 2,000-character question), on every answer.
  let end = key.length;
  while (end > 0 && TRAILING.has(key.charCodeAt(end - 1))) end--;
  return key.slice(0, end);
}

/**
 * The question's 60-bit hash as 15 lowercase hex digits: the start of the SHA-256 of the UTF-8
 * bytes of its `questionKey`, so repeats that differ only in case, spacing or trailing punctuation
 * share it. Not a secret: anyone who knows a question can compute it.
 *
 * `node:crypto` (the Worker has it through `nodejs_compat`), not Web Crypto: `crypto.subtle.digest`
 * is asynchronous and took 46 µs per question on Node 20 (it runs on the libuv thread pool),
 * `createHash` 2.0 µs, about the 1.7 µs of the MurmurHash3 it replaces (tinybench, eval questions,
 * load average 7 on 2 cores, issue #18).
 *
 * @example questionHash('How do I use weakref?') === questionHash('how do i use  WEAKREF') // true
 */
export function questionHash(question: string): string {
  return createHash('sha256').update(questionKey(question)).digest('hex').slice(0, 15);
}

/**
 * A new UUIDv8 answer id carrying `hash` (from `questionHash`) in its custom_a and custom_b
 * fields, with 62 random bits in custom_c. It is a valid RFC 9562 UUID (`z.uuid()` accepts it).
 *
 * @example answerIdFor('ef1f889da44c471') // 'ef1f889d-a44c-8471-a3c1-5e0f4d2b9c7a' (random after '8471-', but for the variant)
 */
export function answerIdFor(hash: string): string {
  if (!QUESTION_HASH.test(hash)) throw new TypeError(`A question hash is 15 lowercase hex digits, not "${hash}".`);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-8${hash.slice(12)}${crypto.randomUUID().slice(18)}`;
}

/**
 * A new answer id for an answer to `question`: `answerIdFor(questionHash(question))`.
 *
 * @example newAnswerId('How do I use weakref?') // 'ef1f889d-a44c-8471-…', unique per call
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
