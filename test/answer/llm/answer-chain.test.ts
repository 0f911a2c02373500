import type { BaseMessage } from '@langchain/core/messages';
import { AIMessageChunk } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/answer/types.js';
import { createAnswerChain, type AnswerChainOutput } from '../../../src/answer/llm/answer-chain.js';
import { createPromptTemplates } from '../../../src/answer/llm/prompt-templates.js';
import { loadPromptFiles } from '../../../src/platform/node/llm.js';
import { retrievedFor, TEST_LIMITS } from './fixtures.js';

const templates = createPromptTemplates(
  await loadPromptFiles(fileURLToPath(new URL('../../../prompts/', import.meta.url))),
);
const ANSWER = "Collect the parts in a list and join them once with `''.join(strings)` [1].";

/** A chain over a fixed retrieval, recording the messages the model was sent. */
function chainWith(
  model: FakeListChatModel | FakeStreamingChatModel,
  titles = ['String Concatenation', 'Interning Strings'],
) {
  const sent: BaseMessage[][] = [];
  const chain = createAnswerChain({
    retrieve: async (question: Question) => retrievedFor(question, titles),
    model,
    templates,
    limits: TEST_LIMITS,
  });
  const callbacks = [
    { handleChatModelStart: (_llm: unknown, messages: BaseMessage[][]) => void sent.push(...messages) },
  ];
  return { chain, sent, callbacks };
}

describe('the answer chain (retrieve → format sources → prompt → model → parse)', () => {
  it('streams the retrieval, then the prompt input, then the text as the model writes it', async () => {
    const { chain, callbacks } = chainWith(new FakeListChatModel({ responses: [ANSWER] }));
    const parts: Partial<AnswerChainOutput>[] = [];
    for await (const chunk of await chain.stream({ question: 'how do I build a big string?' }, { callbacks }))
      parts.push(chunk);

    expect(Object.keys(parts[0] ?? {}).sort()).toEqual(['extractive', 'question', 'sources']);
    expect(parts[1]?.promptInput?.sourceNumbers).toEqual([1, 2]);
    const deltas = parts.slice(2).map((p) => p.text);
    expect(deltas.length).toBeGreaterThan(10); // FakeListChatModel streams character by character
    expect(deltas.join('')).toBe(ANSWER);
  });

  it('sends the system prompt and the numbered sources with their example code', async () => {
    const { chain, sent, callbacks } = chainWith(new FakeListChatModel({ responses: [ANSWER] }));
    const result = await chain.invoke({ question: 'how do I build a big string?' }, { callbacks });
    expect(result.text).toBe(ANSWER);
    const [system, human] = sent[0] ?? [];
    expect(system?.type).toBe('system');
    expect(system?.text).toContain('using ONLY the numbered sources');
    expect(human?.text).toContain('<source n="1" title="String Concatenation" section="Optimize String Usage">');
    expect(human?.text).toContain("```python\nstrings = ['a', 'b', 'c']\nresult = ''.join(strings)\n```");
    expect(human?.text).toContain('<source n="2" title="Interning Strings"');
    expect(human?.text).toContain('<question>\nhow do I build a big string?\n</question>');
    expect(human?.text).not.toContain('<snippet');
  });

  it('uses the snippet-review prompt when code was pasted', async () => {
    const { chain, sent, callbacks } = chainWith(new FakeListChatModel({ responses: [ANSWER] }));
    await chain.invoke({ question: 'is this ok?', snippet: 's = ""\nfor w in words:\n    s += w' }, { callbacks });
    expect(sent[0]?.[1]?.text).toContain(
      '<snippet language="python">\ns = ""\nfor w in words:\n    s += w\n</snippet>',
    );
    expect(sent[0]?.[1]?.text).toContain('review the pasted code against them');
  });

  it('streams message chunks from a streaming model unchanged', async () => {
    const chunks = ['Use ', '`str.join()`', ' [1].'].map((t) => new AIMessageChunk(t));
    const { chain } = chainWith(new FakeStreamingChatModel({ chunks, sleep: 1 }));
    const texts: string[] = [];
    for await (const part of await chain.stream({ question: 'strings?' })) if (part.text) texts.push(part.text);
    expect(texts).toEqual(['Use ', '`str.join()`', ' [1].']);
  });

  it('does not call the model when retrieval found nothing relevant', async () => {
    const { chain, sent, callbacks } = chainWith(new FakeListChatModel({ responses: [ANSWER] }), []);
    const result = await chain.invoke({ question: 'what is the capital of France?' }, { callbacks });
    expect(result.sources).toEqual([]);
    expect(result.extractive.abstained).toBe(true);
    expect(result.text).toBe('');
    expect(sent).toEqual([]);
  });
});
