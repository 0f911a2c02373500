import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion, readScope } from '../../src/answer/answer-question.js';
import type { Question } from '../../src/answer/types.js';
import { parseChatQuestion } from '../../src/integrations/chat/chat-question.js';
import { defaultScopeReader } from '../../src/retrieval/scope.js';
import { builtIndex } from '../helpers/built-index.js';

interface Post {
  readonly text: string;
  readonly source: string;
  readonly fenceTag: string;
  readonly language: string;
}

const index = await builtIndex();
const { posts } = JSON.parse(await readFile(new URL('./fenced-code-posts.json', import.meta.url), 'utf8')) as {
  posts: readonly Post[];
};

/** A post as a chat channel asks it: the question and its code, and the fence's tag unless left out. */
async function answer(post: Post, withTag: boolean) {
  const chat = parseChatQuestion(post.text);
  const q: Question = {
    question: chat.question,
    ...(chat.snippet ? { snippet: chat.snippet } : {}),
    ...(withTag && chat.snippetLanguage ? { snippetLanguage: chat.snippetLanguage } : {}),
  };
  return answerQuestion(index, DEFAULT_ANSWER_OPTIONS, q);
}

describe('test/eval/fenced-code-posts.json (real posts with a tagged code block)', () => {
  it('holds real posts in Python and other languages, each with its thread and its tag as written', () => {
    expect(posts.filter((p) => p.language === 'python').length).toBeGreaterThanOrEqual(15);
    expect(posts.filter((p) => p.language !== 'python').length).toBeGreaterThanOrEqual(20);
    for (const p of posts) {
      expect(p.source, p.source).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/issues\/\d+/);
      expect(p.text, p.source).toContain('```' + p.fenceTag);
      expect(parseChatQuestion(p.text).snippetLanguage, p.source).toBe(p.fenceTag);
    }
  });

  it("refuses every post whose code is another language's, as the runtime its tag names", async () => {
    for (const p of posts.filter((x) => x.language !== 'python')) {
      expect((await answer(p, true)).abstainReason, p.source).toBe('other_runtime');
      const chat = parseChatQuestion(p.text);
      const scope = readScope(index.retriever, `${chat.question}\n${chat.snippet ?? ''}`, [], chat.snippetLanguage);
      expect(scope.runtime?.id, p.source).toBe(defaultScopeReader().languageOf(p.fenceTag));
    }
  });

  it('decides each Python post as it would without the tag', async () => {
    for (const p of posts.filter((x) => x.language === 'python')) {
      const [tagged, untagged] = [await answer(p, true), await answer(p, false)];
      expect([tagged.coverage, tagged.abstainReason], p.source).toEqual([untagged.coverage, untagged.abstainReason]);
    }
  });
});
