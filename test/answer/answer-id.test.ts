import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerIdFor, newAnswerId, questionHash, questionHashOf, questionKey } from '../../src/answer/answer-id.js';
import { feedbackRequestSchema } from '../../src/http/schemas.js';
import { QUESTION_HASH_VECTORS, UUID_V8 } from './question-hash-vectors.js';

/** The 128 bits of a UUID string, most significant first. */
const bitsOf = (id: string) =>
  Array.from(id.replaceAll('-', ''), (digit) => Number.parseInt(digit, 16).toString(2).padStart(4, '0')).flatMap(
    (bits) => Array.from(bits, Number),
  );

describe('questionHash', () => {
  it.each(QUESTION_HASH_VECTORS)('hashes $question to $hash (the key $key)', ({ question, key, hash }) => {
    expect(questionKey(question)).toBe(key);
    expect(questionHash(question)).toBe(hash);
  });

  it('gives repeats that differ in case, spacing or trailing punctuation the same hash', () => {
    expect(questionHash('  how do I  use WEAKREF!! ')).toBe(questionHash('How do I use weakref?'));
    expect(questionHash('How do I use weakrefs?')).not.toBe(questionHash('How do I use weakref?'));
  });

  it('is 15 lowercase hex digits for any text, long ones included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), (question) => {
        expect(questionHash(question)).toMatch(/^[0-9a-f]{15}$/);
      }),
    );
  });
});

describe('newAnswerId', () => {
  it('is an RFC 9562 UUIDv8 that zod, and so POST /v1/feedback, accepts', () => {
    const id = newAnswerId('How do I use weakref?');
    expect(id).toMatch(UUID_V8);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(feedbackRequestSchema.safeParse({ answerId: id, helpful: true }).success).toBe(true);
  });

  it('carries the question hash in custom_a and custom_b, around the version nibble', () => {
    const id = newAnswerId('How do I use weakref?');
    expect(id.slice(0, 18)).toBe('ef1f889d-a44c-8471');
    expect(questionHashOf(id)).toBe(questionHash('How do I use weakref?'));
  });

  it('round-trips the hash of any question', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (question) => {
        expect(questionHashOf(newAnswerId(question))).toBe(questionHash(question));
      }),
    );
  });

  it('is new every time: the 62 bits of custom_c are random, the variant bits fixed', () => {
    const ids = Array.from({ length: 4000 }, () => answerIdFor('ef1f889da44c471'));
    expect(new Set(ids).size).toBe(ids.length);
    const ones = ids.map(bitsOf).reduce((sums, bits) => sums.map((sum, i) => sum + (bits[i] ?? 0)));
    // Bits 64 and 65 are the variant (1, 0); 66–127 are random, so each is set in about half the
    // ids (for 4000 draws, outside 40–60% has a probability far below 1e-30).
    expect(ones.slice(64, 66)).toEqual([ids.length, 0]);
    const shares = ones.slice(66).map((count) => count / ids.length);
    expect(shares.every((share) => share > 0.4 && share < 0.6)).toBe(true);
  });

  it('refuses a hash that is not 15 lowercase hex digits', () => {
    for (const hash of ['', 'ef1f889da44c47', 'ef1f889da44c4710', 'EF1F889DA44C471', 'gf1f889da44c471']) {
      expect(() => answerIdFor(hash)).toThrow(/15 lowercase hex digits/);
    }
  });
});

describe('questionHashOf', () => {
  it('reads the hash of an id in any case', () => {
    expect(questionHashOf('EF1F889D-A44C-8471-A5F8-CB0C20591DE4')).toBe('ef1f889da44c471');
  });

  it.each([
    ['a random v4 id', crypto.randomUUID()],
    ['a v7 id', '01890a5d-ac96-774b-bcce-b302099a8057'],
    ['a v8 id of another variant', 'ef1f889d-a44c-8471-c5f8-cb0c20591de4'],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ['no UUID', 'not-an-id'],
    ['an id with extra text', 'ef1f889d-a44c-8471-a5f8-cb0c20591de4 '],
  ])('is undefined for %s', (_, id) => {
    expect(questionHashOf(id)).toBeUndefined();
  });
});
