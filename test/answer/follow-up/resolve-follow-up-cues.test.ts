import { describe, expect, it } from 'vitest';
import { readCues } from '../../../src/answer/follow-up/resolve-follow-up.js';

describe('readCues', () => {
  it('finds no topic in requests for more ("why?", "show an example", "how does it work?")', () => {
    for (const q of [
      'why?',
      'show an example',
      'how does it work?',
      'can you explain more?',
      'ok, show me the code',
      '???',
    ]) {
      expect(readCues(q).topicTerms, q).toEqual([]);
    }
  });

  it('keeps the topic words of a question, stemmed as the retriever stems them', () => {
    expect(readCues('what about dicts?').topicTerms).toEqual(['dict']);
    expect(readCues('and for tracemalloc?').topicTerms).toEqual(['tracemalloc']);
  });

  it('reads openers only at the start', () => {
    expect(readCues('what about dicts?').continues).toBe(true);
    expect(readCues('And for tracemalloc?').continues).toBe(true);
    expect(readCues('how about tuples').continues).toBe(true);
    expect(readCues('tuples and lists: which is smaller?').continues).toBe(false);
    expect(readCues('android memory tips').continues).toBe(false); // "and" must be a whole word
  });

  it('sees a pronoun pointing back, and "this"/"that"/"then" only in a short question', () => {
    expect(readCues('how do I avoid them?').refersBack).toBe(true);
    expect(readCues("can I trigger it manually? it's slow").refersBack).toBe(true);
    expect(readCues('why is that?').refersBack).toBe(true);
    expect(readCues('why is + slow then?').refersBack).toBe(true);
    expect(
      readCues('is there a way to check that my generator expression stays lazy over a big file?').refersBack,
    ).toBe(false);
  });

  it('reads "the … version" and "… instead" in a short question as pointing back and continuing', () => {
    expect(readCues('show me the tracemalloc version')).toMatchObject({
      refersBack: true,
      continues: true,
      topicTerms: ['tracemalloc'],
    });
    expect(readCues('in chunks instead?')).toMatchObject({ refersBack: true, continues: true });
  });

  it('calls a question short at three topic words or fewer', () => {
    expect(readCues('numpy arrays instead?').short).toBe(true);
    expect(readCues('how do I process a huge csv file in chunks with pandas').short).toBe(false);
  });
});
