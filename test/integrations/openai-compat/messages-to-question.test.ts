import { describe, expect, it } from 'vitest';
import { HISTORY_LIMITS } from '../../../src/answer/follow-up/chat-turn.js';
import { ProblemException } from '../../../src/http/problem.js';
import type { ChatMessage } from '../../../src/integrations/openai-compat/chat-request.js';
import { questionFromMessages } from '../../../src/integrations/openai-compat/chat-request.js';

const problemOf = (messages: ChatMessage[]) => {
  try {
    questionFromMessages(messages);
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.status, ...error.problem };
    throw error;
  }
  throw new Error('expected a problem');
};

describe('questionFromMessages', () => {
  it('takes the last user message as the question and the earlier user/assistant messages as history', () => {
    const question = questionFromMessages([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'what is a weakref?' },
      { role: 'assistant', content: 'A weak reference …' },
      { role: 'tool', content: 'ignored' },
      { role: 'user', content: 'why?' },
    ]);
    expect(question).toEqual({
      question: 'why?',
      history: [
        { role: 'user', content: 'what is a weakref?' },
        { role: 'assistant', content: 'A weak reference …' },
      ],
    });
  });

  it('reads text content parts, and code in ``` blocks as the snippet', () => {
    const question = questionFromMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'is this slow?' },
          { type: 'text', text: '```python\ns = ""\nfor x in xs: s += x\n```' },
        ],
      },
    ]);
    expect(question).toEqual({
      question: 'is this slow?',
      snippet: 's = ""\nfor x in xs: s += x',
      snippetLanguage: 'python',
    });
  });

  it('keeps the most recent 10 turns within 16 KiB, cutting the oldest', () => {
    const turns = (n: number, size: number): ChatMessage[] =>
      Array.from({ length: n }, (_, i) => ({
        role: i % 2 ? 'assistant' : 'user',
        content: `turn ${i} ${'x'.repeat(size)}`,
      }));
    const { history = [] } = questionFromMessages([...turns(14, 100), { role: 'user', content: 'why?' }]);
    expect(history.map((t) => t.content.split(' ')[1])).toEqual(['4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    const long = questionFromMessages([...turns(14, 2_000), { role: 'user', content: 'why?' }]).history ?? [];
    const bytes = long.reduce((n, t) => n + new TextEncoder().encode(t.content).length, 0);
    expect(bytes).toBe(HISTORY_LIMITS.bytes);
    expect(long.at(-1)?.content).toMatch(/^turn 13 /);
    expect(long[0]?.content).toMatch(/^turn 5 x+$/); // the oldest kept is cut to what fits
    const big = questionFromMessages([
      { role: 'user', content: 'é'.repeat(20_000) },
      { role: 'user', content: 'why?' },
    ]);
    expect(new TextEncoder().encode(big.history?.[0]?.content).length).toBe(HISTORY_LIMITS.bytes);
  });

  it.each<[string, ChatMessage[], string, RegExp]>([
    [
      'a conversation ending with the assistant',
      [
        { role: 'user', content: 'gc?' },
        { role: 'assistant', content: 'yes' },
      ],
      'messages.1.role',
      /last message must be the user's question/,
    ],
    ['an empty question', [{ role: 'user', content: '  ' }], 'messages.0.content', /must not be empty/],
    [
      'a question that is only code is still asked',
      [{ role: 'user', content: null }],
      'messages.0.content',
      /must not be empty/,
    ],
    [
      'an image part',
      [{ role: 'user', content: [{ type: 'image_url' }] }],
      'messages.0.content',
      /only text content is supported \(got a "image_url" part\)/,
    ],
    [
      'a question over 2,000 characters',
      [{ role: 'user', content: 'x '.repeat(1_001) }],
      'messages.0.content',
      /at most 2000 characters/,
    ],
    [
      'code over 64 KiB',
      [{ role: 'user', content: `why?\n\`\`\`\n${'x'.repeat(64 * 1024 + 1)}\n\`\`\`` }],
      'messages.0.content',
      /64 KiB/,
    ],
  ])('refuses %s with a 400 naming the field', (_, messages, path, message) => {
    const problem = problemOf(messages);
    expect(problem).toMatchObject({
      status: 400,
      type: 'urn:pymem:problem:validation',
      errors: [{ path, message: expect.stringMatching(message) }],
    });
  });
});
