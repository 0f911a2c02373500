import { describe, expect, it } from 'vitest';
import { glossaryNote } from '../../src/answer/answer-question.js';
import type { Answer } from '../../src/answer/types.js';
import { testApp } from '../helpers/built-index.js';

const app = await testApp();
const ask = async (body: unknown) =>
  (await (
    await app.request('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as Answer;

// Questions in Chinese are read through the glossary's English (src/retrieval/cjk-glossary.json):
// before it, each of these came back as `empty_question`, "written in letters I cannot search".
describe('a question in Chinese is answered, refused or followed up as its English would be', () => {
  it('"why does a tuple take less memory than a list" quotes the tuple unit\'s why, and says what it read', async () => {
    const answer = await ask({ question: '为什么元组比列表占用内存小' });
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer', facet: 'why' });
    expect(answer.citations[0]?.id).toBe('use-built-in-data-structures-wisely--tuples-over-lists');
    expect(answer.answer).toContain('**Why**');
    expect(answer.answer).toContain(
      glossaryNote(
        [
          { written: '为什么', english: 'why' },
          { written: '元组', english: 'tuple' },
          { written: '列表', english: 'list' },
          { written: '占用内存', english: 'memory usage' },
        ],
        'Chinese',
      ),
    );
  });

  it('reads traditional characters, and answers as the English question is answered', async () => {
    const chinese = await ask({ question: '讀取大檔案時記憶體不足，要怎麼逐行處理？' });
    const english = await ask({
      question: 'Out of memory when reading a large file, how do I process it line by line?',
    });
    expect(chinese).toMatchObject({ abstained: false, facet: 'how' });
    expect(chinese.citations.map((c) => c.id)).toEqual(english.citations.map((c) => c.id));
    expect(chinese.answer.startsWith(english.answer.split('\n\n**Sources**')[0] as string)).toBe(true);
  });

  it('refuses other runtimes and questions with no memory angle, with their reasons', async () => {
    expect(await ask({ question: 'java 堆内存溢出怎么办' })).toMatchObject({
      abstained: true,
      abstainReason: 'other_runtime',
    });
    expect(await ask({ question: '训练时显存不释放' })).toMatchObject({
      abstained: true,
      abstainReason: 'other_runtime',
    });
    expect(await ask({ question: '如何把列表分成n块' })).toMatchObject({
      abstained: true,
      abstainReason: 'not_memory',
    });
  });

  it('follows up in Chinese with the next facet, repeating nothing', async () => {
    const first = '列表和元组哪个更省内存';
    const firstAnswer = await ask({ question: first });
    const why = await ask({
      question: '怎么测量？',
      history: [
        { role: 'user', content: first },
        { role: 'assistant', content: firstAnswer.answer },
      ],
    });
    expect(why.citations[0]?.id).toBe(firstAnswer.citations[0]?.id);
    expect(why.facet).toBe('measure');
    expect(why.answer).not.toContain(firstAnswer.answer.split('\n\n')[1]);
  });

  it('says what it cannot read when no word of a question is in the glossary', async () => {
    const answer = await ask({ question: '今天天气很好' });
    expect(answer).toMatchObject({ abstained: true, abstainReason: 'empty_question' });
    expect(answer.answer).toContain('of Chinese, Japanese, Korean and Russian only the memory terms of a glossary');
  });
});

describe('a search in Chinese (`/v1/search`, the MCP tool `search_tips`)', () => {
  it('reads the query through the glossary, as an answer does', async () => {
    const res = await app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '为什么元组比列表占用内存小' }),
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string }[] };
    expect(results[0]?.id).toBe('use-built-in-data-structures-wisely--tuples-over-lists');
  });
});
