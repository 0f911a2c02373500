import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../../../src/answer/follow-up/chat-turn.js';
import { FOCUS_WEIGHTS, resolveFollowUp, type AloneVerdict } from '../../../src/answer/follow-up/resolve-follow-up.js';

// The rules alone, with how each question does on its own given by hand (the real search is
// exercised in search-question.test.ts).
const verdicts: Record<string, AloneVerdict> = {
  'how do I intern strings?': 'answered',
  'and for tracemalloc?': 'answered',
  'is it thread safe?': 'doubtful',
  'and how do I sort a dict by value?': 'doubtful',
  'how do I install it with pip?': 'out_of_scope',
};
const readAlone = async (q: string): Promise<AloneVerdict> => verdicts[q] ?? 'unclear';
const resolve = (question: string, ...earlier: string[]) =>
  resolveFollowUp(
    question,
    earlier.flatMap((content): ChatTurn[] => [
      { role: 'user', content },
      { role: 'assistant', content: 'An answer about something else entirely: chunking [1].' },
    ]),
    { readAlone },
  );

describe('resolveFollowUp', () => {
  it('reads a first question on its own, and marks one without any topic empty', async () => {
    expect(await resolve('are tuples smaller than lists?')).toEqual({
      query: 'are tuples smaller than lists?',
      empty: false,
    });
    expect(await resolve('why?')).toEqual({ query: 'why?', empty: true });
  });

  it('searches the earlier topic again for a question without one of its own (elliptical)', async () => {
    expect(await resolve('why?', 'How does reference counting work?')).toEqual({
      query: 'How does reference counting work?',
      rule: 'elliptical',
      empty: false,
    });
  });

  it('searches a continuation with the topic, leaning toward its own words', async () => {
    expect(await resolve('what about dicts?', 'are tuples smaller than lists?')).toEqual({
      query: 'what about dicts?\nare tuples smaller than lists?',
      focus: { text: 'what about dicts?', weight: FOCUS_WEIGHTS.continuation },
      rule: 'continuation',
      empty: false,
      continues: 'are tuples smaller than lists?',
    });
    expect((await resolve('numpy?', 'my pandas dataframe is huge')).rule).toBe('continuation'); // short
  });

  it('lets a continuation replace the one before it, on the same topic', async () => {
    const resolved = await resolve('and numbers?', 'my pandas dataframe uses too much memory', 'what about strings?');
    expect(resolved).toMatchObject({
      query: 'and numbers?\nmy pandas dataframe uses too much memory',
      focus: { text: 'and numbers?' },
      rule: 'continuation',
    });
    // A question that points back after a continuation asks about what the continuation named.
    const pointing = await resolve(
      'can I trigger it manually?',
      'when does the garbage collector run?',
      'what about the generations?',
    );
    expect(pointing).toMatchObject({
      query: 'can I trigger it manually?\nwhat about the generations?\nwhen does the garbage collector run?',
      rule: 'anaphoric',
    });
  });

  it('searches a question that points back with the topic, leaning less toward its own words (anaphoric)', async () => {
    expect(await resolve('can I trigger it manually?', 'when does the garbage collector run?')).toEqual({
      query: 'can I trigger it manually?\nwhen does the garbage collector run?',
      focus: { text: 'can I trigger it manually?', weight: FOCUS_WEIGHTS.anaphoric },
      rule: 'anaphoric',
      empty: false,
    });
    // Acting on the topic ("avoid", "fix", "save") names no topic of its own: the earlier one is
    // searched again, and the answer's facet (how) comes from the question's wording.
    expect((await resolve('how do I avoid them?', 'what are circular references?')).rule).toBe('elliptical');
  });

  it('treats a question that answers well on its own and does not point back as a new topic', async () => {
    expect(await resolve('how do I intern strings?', 'How does reference counting work?')).toEqual({
      query: 'how do I intern strings?',
      empty: false,
    });
    expect(await resolve('and for tracemalloc?', 'how do I find a leak?')).toEqual({
      query: 'and for tracemalloc?',
      empty: false,
    });
  });

  it('treats an out-of-scope question as new, unless it doubtfully points back: then it is a low-confidence follow-up', async () => {
    expect(await resolve('how do I install it with pip?', 'what is tracemalloc?')).toEqual({
      query: 'how do I install it with pip?',
      empty: false,
    });
    expect(await resolve('and how do I sort a dict by value?', 'how do I join strings?')).toEqual({
      query: 'and how do I sort a dict by value?',
      empty: false,
    });
    expect(await resolve('is it thread safe?', 'what is a weak reference?')).toMatchObject({
      rule: 'anaphoric',
      offTopic: true,
    });
  });

  it('reads a long question without cues as a new topic', async () => {
    const question = 'what is the best way to process a very large log file line by line with pandas';
    expect(await resolve(question, 'what is a weak reference?')).toEqual({ query: question, empty: false });
  });

  it('keeps the topic along a chain, resolving each earlier question in turn', async () => {
    const resolved = await resolve('show an example', 'how do I find a leak?', 'and for tracemalloc?');
    expect(resolved).toEqual({ query: 'and for tracemalloc?', rule: 'elliptical', empty: false });
    const chained = await resolve('why?', 'are tuples smaller than lists?', 'what about dicts?');
    expect(chained).toMatchObject({
      query: 'what about dicts?\nare tuples smaller than lists?',
      focus: { text: 'what about dicts?' },
      rule: 'elliptical',
    });
  });

  it('only lets user turns set the topic', async () => {
    const history: ChatTurn[] = [{ role: 'assistant', content: 'Ask me about weak references.' }];
    expect(await resolveFollowUp('why?', history, { readAlone })).toEqual({ query: 'why?', empty: true });
  });
});
