import { describe, expect, it } from 'vitest';
import { HISTORY_READ, userTurnsRead, type ChatTurn } from '../../../src/answer/follow-up/chat-turn.js';

const user = (content: string): ChatTurn => ({ role: 'user', content });
const assistant = (content: string): ChatTurn => ({ role: 'assistant', content });

describe('userTurnsRead', () => {
  it('keeps the user turns of a short conversation, oldest first, and drops the assistant turns', () => {
    const history = [
      user('are tuples smaller than lists?'),
      assistant('Yes…'),
      user('what about dicts?'),
      assistant('…'),
    ];
    expect(userTurnsRead(history)).toEqual([user('are tuples smaller than lists?'), user('what about dicts?')]);
  });

  it(`reads at most the last ${HISTORY_READ.turns} user turns`, () => {
    const history = Array.from({ length: 10 }, (_, i) => user(`question ${i}`));
    expect(userTurnsRead(history).map((t) => t.content)).toEqual([
      'question 6',
      'question 7',
      'question 8',
      'question 9',
    ]);
  });

  it('cuts the most recent turn to the character budget and reads nothing before it then', () => {
    const long = 'x'.repeat(HISTORY_READ.chars + 500);
    expect(userTurnsRead([user('how do I find a leak?'), user(long)])).toEqual([
      user(long.slice(0, HISTORY_READ.chars)),
    ]);
  });

  it('stops at the first earlier turn that does not fit whole, so a chain is never read with a gap', () => {
    const half = 'y'.repeat(HISTORY_READ.chars / 2);
    const history = [
      user('how do I find a leak?'),
      user(half),
      user('z'.repeat(HISTORY_READ.chars / 2 + 1)),
      user(half),
    ];
    expect(userTurnsRead(history)).toEqual([user(half)]);
    expect(userTurnsRead([user('short'), user(half), user('why?')])).toEqual([user('short'), user(half), user('why?')]);
  });

  it('reads nothing from a history without user turns', () => {
    expect(userTurnsRead([assistant('hello')])).toEqual([]);
    expect(userTurnsRead([])).toEqual([]);
  });
});
