import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { questionHash, questionHashOf } from '../../src/answer/answer-id.js';
import { createAssistant, type AssistantOptions } from '../../src/assistant.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import type { Logger } from '../../src/logger.js';
import { readMigrations } from '../../src/platform/node/feedback-store.js';
import { UUID_V8 } from '../answer/question-hash-vectors.js';
import { builtIndex } from '../helpers/built-index.js';

const migrations = await readMigrations();
const index = await builtIndex();
const base = createAssistant(index, DEFAULT_ANSWER_OPTIONS);
/** The assistant the app builds with a feedback store: every answer it gives is recorded. */
const recordingAnswers = (store: FeedbackStore, options: AssistantOptions) =>
  createAssistant(index, DEFAULT_ANSWER_OPTIONS, { ...options, feedback: store });
const quietLogger = (): Logger & { errors: unknown[] } => {
  const errors: unknown[] = [];
  return { errors, info: () => {}, error: (event, fields) => errors.push({ event, ...fields }) };
};

describe('the assistant with a feedback store', () => {
  it('records every answer of ask() with its question, outcome and cited tips', async () => {
    const store = SqliteFeedbackStore.open(':memory:', migrations);
    const assistant = recordingAnswers(store, { logger: quietLogger(), now: () => new Date('2026-03-01T10:00:00Z') });
    const answer = await assistant.ask({ question: 'how do I build a big string efficiently?', snippet: 's += p' });
    expect(answer.answerId).toMatch(UUID_V8);
    expect(questionHashOf(answer.answerId)).toBe(questionHash('how do I build a big string efficiently?'));
    expect(await store.saveFeedback({ answerId: answer.answerId, helpful: false, at: '2026-03-01T10:01:00Z' })).toBe(
      'saved',
    );
    const { leastHelpful } = await store.summary({ limit: 5 });
    expect(leastHelpful[0]).toMatchObject({
      question: 'how do I build a big string efficiently?',
      abstained: false,
      citations: answer.citations.map((c) => c.id),
    });
  });

  it('records a streamed answer before its done event goes out', async () => {
    const store = SqliteFeedbackStore.open(':memory:', migrations);
    const assistant = recordingAnswers(store, { logger: quietLogger() });
    for await (const event of assistant.askStream({ question: 'what is a weak reference?' })) {
      if (event.type !== 'done') continue;
      expect(
        await store.saveFeedback({ answerId: event.answer.answerId, helpful: true, at: new Date().toISOString() }),
      ).toBe('saved');
    }
    expect((await store.summary({ limit: 5 })).totals).toMatchObject({ answers: 1, feedback: 1 });
  });

  it('still answers, and logs, when the store fails', async () => {
    const store = SqliteFeedbackStore.open(':memory:', migrations);
    store.close();
    const logger = quietLogger();
    const answer = await recordingAnswers(store, { logger }).ask({ question: 'what is a weak reference?' });
    expect(answer.abstained).toBe(false);
    expect(logger.errors).toEqual([
      expect.objectContaining({ event: 'answer_record_failed', answerId: answer.answerId }),
    ]);
  });

  it('logs a store whose write fails later (a rejected promise, as D1 gives), and still answers', async () => {
    const store: FeedbackStore = {
      recordAnswer: async () => {
        throw new Error('D1_ERROR: no such table: questions');
      },
      saveFeedback: async () => 'unknown-answer',
      summary: () => Promise.reject(new Error('unused')),
      prune: () => Promise.reject(new Error('unused')),
      health: () => ({ status: 'failing' }),
    };
    const logger = quietLogger();
    const answer = await recordingAnswers(store, { logger }).ask({ question: 'what is a weak reference?' });
    expect(answer.abstained).toBe(false);
    expect(logger.errors).toEqual([
      { event: 'answer_record_failed', answerId: answer.answerId, error: 'Error: D1_ERROR: no such table: questions' },
    ]);
  });

  it('gives every answer its own id', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => base.ask({ question: 'gc' }).then((a) => a.answerId)));
    expect(new Set(ids).size).toBe(3);
  });

  it('records nothing, and logs nothing, without a store', async () => {
    const logger = quietLogger();
    const answer = await createAssistant(index, DEFAULT_ANSWER_OPTIONS, { logger }).ask({
      question: 'what is a weak reference?',
    });
    expect(answer.abstained).toBe(false);
    expect(logger.errors).toEqual([]);
  });
});
