import { describe, expect, it } from 'vitest';
import { questionKey } from '../../src/feedback/question-key.js';

describe('questionKey', () => {
  it.each([
    ['  How do I  use weakref?? ', 'how do i use weakref'],
    ['How do I use weakref', 'how do i use weakref'],
    ['What is gc.collect() for?!', 'what is gc.collect() for'],
    ['Ｆｕｌｌｗｉｄｔｈ\ttabs\nand lines.', 'fullwidth tabs and lines'],
    ['...', ''],
  ])('%j → %j', (question, key) => {
    expect(questionKey(question)).toBe(key);
  });
});
