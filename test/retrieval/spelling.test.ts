import { describe, expect, it } from 'vitest';
import { osaDistance, SpellingCorrector } from '../../src/retrieval/spelling.js';

describe('osaDistance', () => {
  it.each([
    ['garbage', 'garbage', 0],
    ['garbige', 'garbage', 1],
    ['pyhton', 'python', 1], // an adjacent transposition is one edit
    ['colector', 'collector', 1],
    ['concatination', 'concatenation', 1],
    ['abc', 'xyz', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(osaDistance(a, b)).toBe(d);
    expect(osaDistance(b, a)).toBe(d);
  });

  it('stops early at the cap', () => {
    expect(osaDistance('completely', 'different', 2)).toBe(2);
  });
});

describe('SpellingCorrector', () => {
  const speller = new SpellingCorrector([
    'garbage',
    'collector',
    'python',
    'reference',
    'references',
    'tuple',
    'memory',
  ]);

  it.each([
    ['garbige', 'garbage'],
    ['colector', 'collector'],
    ['pyhton', 'python'],
    ['refrences', 'references'],
    ['tupel', 'tuple'],
    ['memroy', 'memory'],
  ])('corrects %s to %s', (typo, word) => {
    expect(speller.correct(typo)).toBe(word);
  });

  it('leaves short words and words too far from any lexicon word alone', () => {
    expect(speller.correct('gc')).toBeUndefined();
    expect(speller.correct('pizza')).toBeUndefined();
    expect(speller.correct('mmrry')).toBeUndefined(); // two edits from "memory", which has 6 letters
  });
});
