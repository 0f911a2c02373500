import { describe, expect, it } from 'vitest';
import { LexicalIndex, MAX_FUZZY_TERMS } from '../../src/retrieval/lexical-index.js';
import { builtIndex } from '../helpers/built-index.js';

const { knowledge } = await builtIndex();
const lexical = LexicalIndex.build(knowledge.tips);

/** `n` distinct made-up words of six letters that no indexed term is within one edit of. */
const madeUp = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `qx${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}zv`,
  );

describe('LexicalIndex: what one query may cost', () => {
  it('matches a typo fuzzily ("garbige" finds the tips on garbage collection)', () => {
    expect(lexical.query('garbige').length).toBeGreaterThan(0);
    expect(lexical.query(madeUp(MAX_FUZZY_TERMS).join(' '))).toEqual([]);
  });

  it(`matches at most ${MAX_FUZZY_TERMS} unknown words of one query fuzzily; later ones only as written`, () => {
    const typo = lexical.query('garbige');
    expect(lexical.query(`${madeUp(MAX_FUZZY_TERMS - 1).join(' ')} garbige`)).toEqual(typo);
    expect(lexical.query(`${madeUp(MAX_FUZZY_TERMS).join(' ')} garbige`)).toEqual([]);
    // A word the index has is matched as written, wherever it stands, and costs no fuzzy walk.
    expect(lexical.query(`${madeUp(MAX_FUZZY_TERMS).join(' ')} garbage`)).toEqual(lexical.query('garbage'));
  });

  it('walks no term tree for a term longer than any indexed term can be within reach of', () => {
    const word = `q${'x'.repeat(64 * 1024)}`;
    expect(lexical.query(word)).toEqual([]);
    // The walk's matrix is the square of the term's length: for this term it would be 4 GB.
    expect((lexical as unknown as { fuzzyMatrix: Uint8Array }).fuzzyMatrix.length).toBeLessThan(1 << 20);
  });
});
