import { describe, expect, it } from 'vitest';
import { newAnswerId, questionHash, questionHashOf } from '../../src/answer/answer-id.js';
import { QUESTION_HASH_VECTORS, UUID_V8 } from '../answer/question-hash-vectors.js';

// The same known answers as on Node: an answer id made on one platform names the same question on the other.
describe('answer ids in workerd', () => {
  it.each(QUESTION_HASH_VECTORS)('hashes $question to $hash', ({ question, hash }) => {
    expect(questionHash(question)).toBe(hash);
  });

  it('makes UUIDv8 ids carrying the question hash, new each time', () => {
    const ids = Array.from({ length: 1000 }, () => newAnswerId('How do I use weakref?'));
    for (const id of ids) expect(id).toMatch(UUID_V8);
    expect(new Set(ids).size).toBe(ids.length);
    expect(questionHashOf(ids[0] ?? '')).toBe('ef1f889da44c471');
  });
});
