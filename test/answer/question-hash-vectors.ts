/**
 * Known answers of `questionHash`, asserted on Node (test/answer/answer-id.test.ts) and in workerd
 * (test/workers/answer-id.test.ts) so both platforms group questions alike. The hashes are the
 * first 15 hex digits of MurmurHash3_x86_128 (seed 0) of the UTF-8 question key, as computed by
 * an independent implementation (murmurhash3js-revisited 3.0.0, checked against the C++ reference).
 */
export const QUESTION_HASH_VECTORS = [
  { question: 'How do I use weakref?', key: 'how do i use weakref', hash: 'e9539d0392e401d' },
  { question: 'Ünïcødé ✓ 🐍 WEAKREF…?', key: 'ünïcødé ✓ 🐍 weakref', hash: 'cd2bdb6da002640' },
  { question: 'Why does my list of 10 000 ints use 800 KB?', key: 'why does my list of 10 000 ints use 800 kb', hash: '7226470f6181dcb' },
  { question: '???', key: '', hash: '000000000000000' },
] as const;

/** RFC 9562 UUIDv8: version nibble 8, variant 0b10. */
export const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
