import { describe, expect, it } from 'vitest';
import { findingLines } from '../../../src/integrations/chat/answer-text.js';

const at = (line: number, character: number) => ({ line, character });

describe('findingLines', () => {
  it('turns 0-based analyzer ranges into 1-based line labels', () => {
    expect(findingLines({ start: at(0, 4), end: at(0, 9) })).toBe('line 1');
    expect(findingLines({ start: at(2, 0), end: at(4, 3) })).toBe('lines 3–5');
  });

  it('does not count a line the range ends at the very start of', () => {
    expect(findingLines({ start: at(2, 0), end: at(4, 0) })).toBe('lines 3–4');
    expect(findingLines({ start: at(2, 0), end: at(3, 0) })).toBe('line 3');
  });
});
