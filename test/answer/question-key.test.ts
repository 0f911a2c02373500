import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionKey } from '../../src/answer/answer-id.js';

describe('questionKey', () => {
  it.each([
    ['  How do I  use weakref?? ', 'how do i use weakref'],
    ['How do I use weakref', 'how do i use weakref'],
    ['What is gc.collect() for?!', 'what is gc.collect() for'],
    ['Ｆｕｌｌｗｉｄｔｈ\ttabs\nand lines.', 'fullwidth tabs and lines'],
    ['...', ''],
    ['why?! . ?', 'why'],
    ['is a.b. faster. than c', 'is a.b. faster. than c'],
  ])('%j → %j', (question, key) => {
    expect(questionKey(question)).toBe(key);
  });

  it('keeps a long run of dots inside the question', () => {
    const question = `a${'.'.repeat(1998)}b`;
    expect(questionKey(question)).toBe(question);
    expect(questionKey(`${question}. . .`)).toBe(question);
  });

  it('is the plain definition: NFKC, lower case, one space per run of white space, trimmed, no trailing ?!.', () => {
    const definition = (q: string) =>
      q
        .normalize('NFKC')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[?!.\s]+$/, '');
    const pieces = fc.constantFrom('a', 'É', 'ｆ', '?', '!', '.', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', 'ﬁ', '…');
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
        (question) => {
          expect(questionKey(question)).toBe(definition(question));
        },
      ),
    );
  });
});
