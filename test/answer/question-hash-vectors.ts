/**
 * Known answers of `questionHash`, asserted on Node (test/answer/answer-id.test.ts) and in workerd
 * (test/workers/answer-id.test.ts) so both platforms group questions alike. The hashes are the
 * first 15 hex digits of the SHA-256 of the UTF-8 question key, as computed by an independent
 * implementation (GNU coreutils `printf '%s' "$key" | sha256sum`).
 */
export const QUESTION_HASH_VECTORS = [
  { question: 'How do I use weakref?', key: 'how do i use weakref', hash: 'ef1f889da44c471' },
  { question: 'Ünïcødé ✓ 🐍 WEAKREF…?', key: 'ünïcødé ✓ 🐍 weakref', hash: '25a548007b6f30d' },
  {
    question: 'Why does my list of 10 000 ints use 800 KB?',
    key: 'why does my list of 10 000 ints use 800 kb',
    hash: '30c33e2129aaedf',
  },
  { question: '???', key: '', hash: 'e3b0c44298fc1c1' },
] as const;

/** RFC 9562 UUIDv8: version nibble 8, variant 0b10. */
export const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
