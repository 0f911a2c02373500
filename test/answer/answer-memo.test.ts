import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionHashOf } from '../../src/answer/answer-id.js';
import { answerJson, createAnswerMemo } from '../../src/answer/answer-memo.js';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion, createAnswerer } from '../../src/answer/answer-question.js';
import type { Question } from '../../src/answer/types.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { BUILT_INDEX_DIR, builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const compute = (q: Question) => async () => ({
  ...(await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, q)),
  mode: 'extractive' as const,
});
const STRING_QUESTION: Question = { question: 'how do I build a big string efficiently?' };

describe('answer memo', () => {
  it('answers a repeated question from memory, with a new id for the same question', async () => {
    const memo = createAnswerMemo();
    let computed = 0;
    const ask = (q: Question) => memo.answer(q, () => (computed++, compute(q)()));
    const first = await ask(STRING_QUESTION);
    const again = await ask(STRING_QUESTION);
    expect(computed).toBe(1);
    expect(again.answerId).not.toBe(first.answerId);
    expect(questionHashOf(again.answerId)).toBe(questionHashOf(first.answerId));
    const { answerId: _a, ...firstBody } = first;
    const { answerId: _b, ...againBody } = again;
    expect(againBody).toEqual(firstBody);
  });

  it('keys on the snippet, k and history too, not on the question alone', async () => {
    const memo = createAnswerMemo();
    let computed = 0;
    const ask = (q: Question) => memo.answer(q, () => (computed++, compute(q)()));
    await ask({ question: 'why?' });
    await ask({ question: 'why?', history: [{ role: 'user', content: 'are tuples smaller than lists?' }] });
    await ask({ question: 'why?', k: 1 });
    await ask({ question: 'why?', snippet: "s = ''\nfor w in words:\n    s += w\n" });
    expect(computed).toBe(4);
  });

  it('renders a remembered answer exactly as JSON.stringify would, serializing its body once', async () => {
    const memo = createAnswerMemo();
    await memo.answer(STRING_QUESTION, compute(STRING_QUESTION));
    const remembered = await memo.answer(STRING_QUESTION, compute(STRING_QUESTION));
    expect(answerJson(remembered)).toBe(JSON.stringify(remembered));
    const other = await memo.answer(STRING_QUESTION, compute(STRING_QUESTION));
    expect(answerJson(other)).toBe(JSON.stringify(other));
    expect(JSON.parse(answerJson(other)).answerId).toBe(other.answerId);
    const fresh = await compute({ question: 'gc?' })();
    expect(answerJson(fresh)).toBe(JSON.stringify(fresh));
  });

  it('does not keep long questions, and size 0 turns it off', async () => {
    for (const [memo, q] of [
      // Long by its many words (the stemmer takes about a second on one 5,000-letter word, twice here).
      [createAnswerMemo(), { question: `weakref ${'memory '.repeat(700)}` }],
      [createAnswerMemo({ size: 0 }), STRING_QUESTION],
    ] as const) {
      let computed = 0;
      await memo.answer(q, () => (computed++, compute(q)()));
      await memo.answer(q, () => (computed++, compute(q)()));
      expect(computed).toBe(2);
    }
  });

  it('does not keep an answer made while the embedder failed (degraded retrieval)', async () => {
    const wordVectors = WordVectors.decode(await readFile(join(BUILT_INDEX_DIR, INDEX_FILES.wordVectors)));
    const real = createDefaultEmbedder(wordVectors);
    let down = true;
    const flaky: Embedder = {
      id: real.id,
      dimensions: real.dimensions,
      embed: async (texts) => (down ? Promise.reject(new Error('down')) : real.embed(texts)),
    };
    const degradable = await loadIndexFromDisk(BUILT_INDEX_DIR, flaky, {
      onEmbedderError: () => {},
      queryCacheSize: 0,
    });
    const answerer = createAnswerer({ index: degradable, settings: DEFAULT_ANSWER_OPTIONS, logger: silentLogger });
    const degraded = await answerer.ask(STRING_QUESTION);
    down = false;
    const healthy = await answerer.ask(STRING_QUESTION);
    expect(degradable.retriever.embedderFailures).toBe(1);
    expect(healthy.citations[0]?.score).toBeGreaterThan(degraded.citations[0]?.score ?? 0);
  });
});
