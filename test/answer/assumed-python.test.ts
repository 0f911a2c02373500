import { describe, expect, it } from 'vitest';
import { ASSUMED_PYTHON_NOTE, beforeSources, namesPython } from '../../src/answer/assumed-python.js';
import type { Answer } from '../../src/answer/types.js';
import { renderDiscordReply } from '../../src/integrations/discord/discord-message.js';
import { renderSlackReply } from '../../src/integrations/slack/block-kit.js';
import { defaultScopeReader } from '../../src/retrieval/scope.js';
import { builtIndex, testApp } from '../helpers/built-index.js';
import { blockTexts } from '../integrations/helpers/block-kit-checks.js';

const app = await testApp();
const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ask = async (body: unknown) => (await (await post('/v1/ask', body)).json()) as Answer;

// Real titles, as filed: the first in a project of another language (a C# UI toolkit), which no
// rule can tell from a Python developer's report; the answer says what it assumed.
const NAMES_NOTHING = "Memory Leak. There is a memory leak in this app, I haven't been able to figure out where yet.";

describe('an answer that reads a question naming no language as Python says so', () => {
  it('/v1/ask: `assumedPython` and the note as the last paragraph before the sources', async () => {
    const answer = await ask({ question: NAMES_NOTHING });
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer', assumedPython: true });
    const at = answer.answer.indexOf(ASSUMED_PYTHON_NOTE);
    expect(at).toBeGreaterThan(0);
    expect(answer.answer.slice(at + ASSUMED_PYTHON_NOTE.length)).toMatch(/^\n\n\*\*Sources\*\*\n\n1\. /);
  });

  it('is not said when the question names Python, a Python library or an API a cited unit names', async () => {
    for (const question of [
      'Memory leak in my Python app, it grows to 2GB in a day',
      'Memory leak in my Django app, it grows to 2GB in a day',
      'Add maxsize limit to lru_cache()',
    ]) {
      const answer = await ask({ question });
      expect(answer.coverage, question).toBe('answer');
      expect(answer, question).not.toHaveProperty('assumedPython');
      expect(answer.answer, question).not.toContain(ASSUMED_PYTHON_NOTE);
    }
  });

  it('is said once per conversation, and not with pasted code or an abstention', async () => {
    const followUp = await ask({
      question: 'why?',
      history: [
        { role: 'user', content: NAMES_NOTHING },
        { role: 'assistant', content: '…' },
      ],
    });
    expect(followUp.abstained).toBe(false);
    expect(followUp).not.toHaveProperty('assumedPython');
    const withCode = await ask({
      question: 'does this leak?',
      snippet: 'cache = []\nfor row in rows:\n    cache.append(row)',
    });
    expect(withCode).not.toHaveProperty('assumedPython');
    const java = await ask({ question: 'How do I increase the Java heap size with -Xmx?' });
    expect(java).toMatchObject({ abstained: true, abstainReason: 'other_runtime' });
    expect(java).not.toHaveProperty('assumedPython');
  });

  it('the stream, the OpenAI-compatible endpoint, Slack and Discord carry it', async () => {
    const answer = await ask({ question: NAMES_NOTHING });
    const stream = await (await post('/v1/ask/stream', { question: NAMES_NOTHING })).text();
    expect(stream).toContain('"assumedPython":true');
    const completion = (await (
      await post('/v1/chat/completions', {
        model: 'pymem-assistant',
        messages: [{ role: 'user', content: NAMES_NOTHING }],
      })
    ).json()) as { choices: [{ message: { content: string } }]; pymem: { assumedPython?: boolean } };
    expect(completion.pymem.assumedPython).toBe(true);
    expect(completion.choices[0].message.content).toContain(ASSUMED_PYTHON_NOTE);
    const slack = blockTexts(renderSlackReply({ question: NAMES_NOTHING, answer }).blocks).join('\n');
    expect(slack).toContain('_Read as a Python question: it names no language.');
    const [discord] = renderDiscordReply({ question: NAMES_NOTHING, answer });
    expect(discord?.embeds.at(-1)?.description).toContain(ASSUMED_PYTHON_NOTE);
  });
});

describe('namesPython', () => {
  const reader = defaultScopeReader();
  it('reads the scope rules’ Python evidence, then the APIs the cited units name', async () => {
    const tips = (await builtIndex()).knowledge.tips;
    const lruCache = tips.find((t) => t.id === 'caching--lru-cache-maxsize');
    expect(lruCache).toBeDefined();
    const q = (question: string, cited = lruCache ? [lruCache] : []) =>
      namesPython(reader.read(question), question, cited);
    expect(q('memory keeps growing in my python service')).toBe(true);
    expect(q('Add maxsize limit to lru_cache()')).toBe(true);
    expect(q('Add maxsize limit to lru_cache()', [])).toBe(false);
    expect(q('RSS remains elevated after load spikes')).toBe(false);
  });

  it('beforeSources puts a paragraph before the sources list, or at the end', () => {
    expect(beforeSources('Text.\n\n**Sources**\n\n1. A', 'Note.')).toBe('Text.\n\nNote.\n\n**Sources**\n\n1. A');
    expect(beforeSources('Text.', 'Note.')).toBe('Text.\n\nNote.');
  });
});
