import { describe, expect, it } from 'vitest';
import {
  CODE_ONLY_QUESTION,
  parseChatQuestion,
  parseCodeOption,
} from '../../../src/integrations/chat/chat-question.js';

describe('parseChatQuestion', () => {
  it('keeps plain text as the question', () => {
    expect(parseChatQuestion('  how do I find a leak?  ')).toEqual({ question: 'how do I find a leak?' });
  });

  it('takes the code out of a fenced block, dropping a language tag', () => {
    expect(parseChatQuestion('why slow?\n```python\ns = ""\nfor x in xs:\n    s += x\n```\nthanks')).toEqual({
      question: 'why slow?\n\nthanks',
      snippet: 's = ""\nfor x in xs:\n    s += x',
      snippetLanguage: 'python',
    });
  });

  it('keeps the first tag that names a language, as written, and drops every tag from the code', () => {
    expect(parseChatQuestion('leak?\n```TS\nconst cache: Record<string, number[]> = {}\n```')).toEqual({
      question: 'leak?',
      snippet: 'const cache: Record<string, number[]> = {}',
      snippetLanguage: 'TS',
    });
    // Output and shell blocks name no runtime: no language, and the tag is not code.
    expect(parseChatQuestion('why?\n```console\n$ top\n```\n```go\nx := 1\n```')).toEqual({
      question: 'why?',
      snippet: '$ top\n\nx := 1',
      snippetLanguage: 'go',
    });
    // A first line that is no tag stays code (Slack glues the fence to it).
    expect(parseChatQuestion('ok? ```gc.collect()```')).toEqual({ question: 'ok?', snippet: 'gc.collect()' });
  });

  it("reads Slack's fences glued to the code, on one line or several", () => {
    expect(parseChatQuestion('is this ok? ```x = []```')).toEqual({ question: 'is this ok?', snippet: 'x = []' });
    expect(parseChatQuestion('```def f(x=[]):\n    return x```')).toEqual({
      question: CODE_ONLY_QUESTION,
      snippet: 'def f(x=[]):\n    return x',
    });
  });

  it('joins several blocks and keeps indentation', () => {
    expect(parseChatQuestion('a\n```\n    x = 1\n```\nb\n```py\ny = 2\n```').snippet).toBe('    x = 1\n\ny = 2');
  });

  it('ignores empty blocks', () => {
    expect(parseChatQuestion('gc? ```python\n```')).toEqual({ question: 'gc?' });
  });

  it('reads the Discord code option with or without fences', () => {
    expect(parseCodeOption('x = [i for i in range(10)]')).toBe('```\nx = [i for i in range(10)]\n```');
    expect(parseCodeOption('```python\nx = 1\n```')).toBe('```python\nx = 1\n```');
  });
});
