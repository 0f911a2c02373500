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

const TUPLES = 'use-built-in-data-structures-wisely--tuples-over-lists';

// Questions in Spanish, Portuguese, French, German, Italian, Russian, Japanese and Korean are read
// through the glossaries (src/retrieval/word-glossary.json, src/retrieval/cjk-glossary.json).
// Before, "¿Cómo puedo reducir el uso de memoria de un DataFrame de pandas?" was refused as
// `not_memory`, and a question in Russian, Japanese or Korean came back `empty_question`.
describe('a question in another language is answered, refused or followed up as its English would be', () => {
  it('answers "why do tuples take less memory than lists" in Spanish with the tuple unit\'s why, and says what it read', async () => {
    const answer = await ask({ question: '¿Por qué las tuplas ocupan menos memoria que las listas?' });
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer', facet: 'why' });
    expect(answer.citations[0]?.id).toBe(TUPLES);
    expect(answer.answer).toContain(
      glossaryNote(
        [
          { written: 'Por qué', english: 'why' },
          { written: 'tuplas', english: 'tuple' },
          { written: 'ocupan', english: 'usage' },
          { written: 'memoria', english: 'memory' },
          { written: 'listas', english: 'list' },
        ],
        'Spanish',
      ),
    );
  });

  it('answers in every language of the glossaries what it answers in English', async () => {
    const english = await ask({ question: 'Why is memory not freed after deleting a big list in Python?' });
    for (const question of [
      '¿Por qué no se libera la memoria después de borrar una lista grande en Python?',
      'Por que a memória não é liberada depois de apagar uma lista grande em Python?',
      'Pourquoi la mémoire n’est pas libérée après avoir supprimé une grande liste en Python ?',
      'Warum wird der Speicher nach dem Löschen einer großen Liste in Python nicht freigegeben?',
      'Perché la memoria non viene liberata dopo aver cancellato una lista grande in Python?',
      'Почему Python не освобождает память после удаления большого списка?',
      'Pythonで大きなリストを削除した後、メモリが解放されないのはなぜですか？',
      '파이썬에서 큰 리스트를 삭제한 후 메모리가 해제되지 않는 이유는?',
    ]) {
      const answer = await ask({ question });
      expect(answer, question).toMatchObject({ abstained: false, coverage: 'answer', facet: english.facet });
      expect(answer.citations[0]?.id, question).toBe(english.citations[0]?.id);
      expect(answer.answer, question).toMatch(
        /\*Read from the question's (?:Spanish|Portuguese|French|German|Italian|Russian|Japanese|Korean) words: /,
      );
    }
  });

  it("is at most `medium` when it read the question through the glossary, but not for the analyzer's findings", async () => {
    // A real report (tuning-only set), answered at `high` before answers read through the glossary were capped.
    expect(await ask({ question: '内存占用严重  内存占用严重，16G内存跑满。' })).toMatchObject({
      coverage: 'answer',
      confidence: 'medium',
    });
    // The finding is read from the pasted code, not from the Spanish words.
    const withCode = await ask({
      question: '¿Por qué este código usa tanta memoria?',
      snippet: "s = ''\nfor w in words:\n    s += w\n",
    });
    expect(withCode.findings?.[0]?.rule).toBe('string-concat-in-loop');
    expect(withCode.confidence).toBe('high');
  });

  it('refuses other runtimes and questions with no memory angle, with their reasons', async () => {
    expect(await ask({ question: '¿Cómo aumento la memoria del heap de Java con -Xmx?' })).toMatchObject({
      abstained: true,
      abstainReason: 'other_runtime',
    });
    expect(await ask({ question: 'Die Speicherauslastung meines ioBroker steigt immer weiter' })).toMatchObject({
      abstained: true,
      abstainReason: 'other_runtime',
    });
    expect(await ask({ question: 'Wie sortiere ich ein Dictionary nach den Werten in Python?' })).toMatchObject({
      abstained: true,
      abstainReason: 'not_memory',
    });
  });

  it('reads code as written: Spanish "del" ("of the") is not Python\'s `del`, the one in backticks is', async () => {
    const answer = await ask({ question: '¿Por qué `del x` no libera la memoria del proceso?' });
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer' });
    expect(answer.answer).toContain("*Read from the question's Spanish words:");
  });

  it('follows up in Spanish with the next facet, repeating nothing', async () => {
    const first = '¿Las tuplas ocupan menos memoria que las listas?';
    const firstAnswer = await ask({ question: first });
    const why = await ask({
      question: '¿Y por qué?',
      history: [
        { role: 'user', content: first },
        { role: 'assistant', content: firstAnswer.answer },
      ],
    });
    expect(firstAnswer.citations[0]?.id).toBe(TUPLES);
    expect(why.citations[0]?.id).toBe(TUPLES);
    expect(why.facet).toBe('why');
    expect(why.answer).not.toContain(firstAnswer.answer.split('\n\n')[1]);
    // Too short to tell its own language ("cuánta" is the only word English does not write, and
    // no entry alone): read in the conversation's.
    const howMuch = await ask({
      question: '¿cuánta memoria ahorra?',
      history: [
        { role: 'user', content: first },
        { role: 'assistant', content: firstAnswer.answer },
      ],
    });
    expect(howMuch.citations[0]?.id).toBe(TUPLES);
    expect(howMuch.facet).toBe('measure');
    expect(howMuch.answer).toContain(
      "*Read from the question's Spanish words: cuánta memoria ahorra (how much does it save).",
    );
  });
});

describe('a search in another language (`/v1/search`, the MCP tool `search_tips`)', () => {
  it('reads the query through the glossary, as an answer does', async () => {
    // Read by its own words, the Russian finds nothing, and the Spanish finds Reference Counting.
    for (const [query, first] of [
      [
        'Как уменьшить потребление памяти при чтении большого файла в Python?',
        'manage-large-data-sets-efficiently--chunking',
      ],
      [
        'Fuga de memoria al leer un archivo grande línea por línea',
        'optimize-code-for-memory-efficiency--use-with-statement-for-file-operations',
      ],
    ] as const) {
      const res = await app.request('/v1/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(res.status, query).toBe(200);
      const { results } = (await res.json()) as { results: { id: string }[] };
      expect(results[0]?.id, query).toBe(first);
    }
  });
});
