import { describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../../src/answer/answer-events.js';
import type { Answer } from '../../../src/answer/types.js';
import {
  completionChunks,
  REPLACED_NOTE,
  type ChatCompletionChunk,
} from '../../../src/integrations/openai-compat/chat-completion-chunks.js';
import { LOW_CONFIDENCE_NOTE } from '../../../src/integrations/openai-compat/chat-completion.js';

const identity = { id: 'chatcmpl-1', created: 1_795_000_000, systemFingerprint: 'fp_0123456789ab' };
const answer = (text: string, extra: Partial<Answer> = {}): Answer => ({
  answerId: '00000000-0000-4000-8000-000000000000',
  answer: text,
  abstained: false,
  citations: [],
  examples: [],
  mode: 'llm',
  confidence: 'high',
  ...extra,
});

async function run(events: AnswerEvent[], includeUsage = false): Promise<ChatCompletionChunk[]> {
  async function* source() {
    yield* events;
  }
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of completionChunks(source(), identity, { includeUsage, promptTokens: 5 })) chunks.push(chunk);
  return chunks;
}
const text = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

describe('completionChunks', () => {
  it('streams the role, the text in pieces, then the stop chunk with the citations and pymem fields', async () => {
    const full = 'Use weakref.ref to hold a reference that does not keep the object alive [1].';
    const chunks = await run([
      { type: 'citations', citations: [] },
      { type: 'delta', text: full },
      { type: 'done', answer: answer(full) },
    ]);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(text(chunks)).toBe(full);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-1)).toMatchObject({
      choices: [{ finish_reason: 'stop', delta: {} }],
      citations: [],
      pymem: { confidence: 'high', mode: 'llm' },
    });
    expect(chunks.every((c) => c.id === 'chatcmpl-1' && c.object === 'chat.completion.chunk' && !('usage' in c))).toBe(
      true,
    );
  });

  it('sends what the model had not streamed yet when the final answer extends it', async () => {
    const chunks = await run([
      { type: 'delta', text: 'Part one. ' },
      { type: 'done', answer: answer('Part one. Part two.\n\n**Sources**\n\n1. Tip') },
    ]);
    expect(text(chunks)).toBe('Part one. Part two.\n\n**Sources**\n\n1. Tip');
  });

  it('follows text it could not keep (a failed grounding check) with the checked answer, saying so', async () => {
    const chunks = await run([
      { type: 'delta', text: 'Something unchecked' },
      { type: 'done', answer: answer('The guidance says [1].', { mode: 'extractive' }) },
    ]);
    expect(text(chunks)).toBe(`Something unchecked\n\n---\n\n${REPLACED_NOTE}\n\nThe guidance says [1].`);
  });

  it('appends the low-confidence note, and the usage chunk when asked for', async () => {
    const chunks = await run(
      [
        { type: 'delta', text: 'Maybe [1].' },
        { type: 'done', answer: answer('Maybe [1].', { confidence: 'low' }) },
      ],
      true,
    );
    const content = text(chunks);
    expect(content).toBe(`Maybe [1].\n\n${LOW_CONFIDENCE_NOTE}`);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: Math.ceil(content.length / 4) },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('does not note low confidence on an abstention', async () => {
    const chunks = await run([
      {
        type: 'done',
        answer: answer('Not covered.', { abstained: true, confidence: 'low', abstainReason: 'out_of_scope' }),
      },
    ]);
    expect(text(chunks)).toBe('Not covered.');
  });
});
