import { describe, expect, it } from 'vitest';
import { checkGrounding, citationMarkers, isUnsupportedFlag } from '../../../src/answer/llm/grounding-check.js';

describe('citationMarkers', () => {
  it('finds [n], [n][m] and [n, m] in prose, in order of first appearance', () => {
    expect(citationMarkers('Use join [2][1]. Pools help [3, 1].\n\n- item [4]')).toEqual([2, 1, 3, 4]);
  });

  it('ignores indexing in code blocks and code spans', () => {
    const text = 'Slice lazily [1]. `rows[5]` is a copy.\n\n```python\nfirst = items[7]\n```\n';
    expect(citationMarkers(text)).toEqual([1]);
  });

  it('reads markers in lists, tables, quotes and emphasis', () => {
    expect(citationMarkers('| a | b |\n|---|---|\n| x [2] | y |\n\n> quoted [3]\n\n**bold [4]**')).toEqual([2, 3, 4]);
  });
});

describe('checkGrounding', () => {
  it('accepts an answer whose every marker is a given source', () => {
    expect(checkGrounding('Build a list and `join` it [1]. Interning helps repeated strings [2].', [1, 2, 3])).toEqual({
      grounded: true,
      cited: [1, 2],
    });
  });

  it('rejects a made-up source number, naming it', () => {
    const verdict = checkGrounding('Use `__slots__` [1] and a memory pool [7].', [1, 2, 3]);
    expect(verdict).toMatchObject({ grounded: false, reason: 'unknown_citation' });
    expect(verdict.grounded || verdict.detail).toBe('The answer cites [7], but the sources given were [1]..[3].');
  });

  it('rejects an answer with no citation at all', () => {
    expect(checkGrounding('Just call gc.collect() more often.', [1])).toMatchObject({
      grounded: false,
      reason: 'no_citations',
    });
  });

  it('does not count code indexing as a citation', () => {
    expect(checkGrounding('Take the first item:\n\n```python\nx = items[1]\n```', [1])).toMatchObject({
      reason: 'no_citations',
    });
  });

  it('treats the UNSUPPORTED flag, alone or leading, as unsupported', () => {
    for (const text of [
      'UNSUPPORTED',
      '  UNSUPPORTED.\n',
      '**UNSUPPORTED**',
      'UNSUPPORTED: the sources do not cover this [1]',
      'Sorry.\nUNSUPPORTED\n',
    ]) {
      expect(checkGrounding(text, [1]), text).toMatchObject({ grounded: false, reason: 'unsupported' });
    }
  });

  it('does not mistake the word in a sentence for the flag', () => {
    expect(isUnsupportedFlag('Weak references to ints are unsupported in CPython [1].')).toBe(false);
  });

  it('rejects an empty answer', () => {
    expect(checkGrounding(' \n ', [1])).toMatchObject({ grounded: false, reason: 'empty_answer' });
  });
});
