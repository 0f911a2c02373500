import { beforeEach, describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import type { FeedbackStore } from '../../src/feedback/feedback-store.js';
import type { AnswerRecord } from '../../src/feedback/types.js';

let clock = Date.parse('2026-01-01T00:00:00Z');
const tick = () => new Date((clock += 1000)).toISOString();

function answer(question: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    answerId: newAnswerId(question),
    question,
    abstained: false,
    citations: ['avoid-memory-leaks--weak-references'],
    topScore: 0.61,
    createdAt: tick(),
    ...overrides,
  };
}

/**
 * What every FeedbackStore does, run against SQLite on Node and D1 in workerd. `fresh` returns
 * a store over an empty database.
 */
export function describeFeedbackStore(name: string, fresh: () => Promise<FeedbackStore>) {
  describe(`FeedbackStore contract (${name})`, () => {
    let store: FeedbackStore;
    const record = async (question: string, overrides: Partial<AnswerRecord> = {}) => {
      const a = answer(question, overrides);
      await store.recordAnswer(a);
      return a;
    };
    const vote = (answerId: string, helpful: boolean, comment?: string) =>
      store.saveFeedback({ answerId, helpful, comment, at: tick() });

    beforeEach(async () => {
      store = await fresh();
    });

    it('refuses feedback on an id that names no question (an old random v4 id)', async () => {
      await record('How do I use weakref?');
      expect(await vote(crypto.randomUUID(), true)).toBe('unknown-answer');
      expect((await store.summary({ limit: 10 })).totals.feedback).toBe(0);
    });

    it('refuses feedback on an answer to a question never answered', async () => {
      await record('How do I use weakref?');
      expect(await vote(newAnswerId('What is a monad?'), true)).toBe('unknown-answer');
      expect((await store.summary({ limit: 10 })).totals.feedback).toBe(0);
    });

    it('finds an answer as soon as it is recorded', async () => {
      const a = answer('How big is a list?');
      await store.recordAnswer(a);
      expect(await vote(a.answerId, false, 'needs numbers')).toBe('saved');
      expect((await store.summary({ limit: 10 })).leastHelpful).toEqual([
        expect.objectContaining({ question: 'How big is a list?', unhelpful: 1 }),
      ]);
    });

    it('refuses to record an answer whose id names no question', async () => {
      await expect(async () => store.recordAnswer(answer('gc?', { answerId: crypto.randomUUID() }))).rejects.toThrow(
        /carries no question hash/,
      );
      expect((await store.summary({ limit: 10 })).totals.answers).toBe(0);
    });

    it('counts repeats of a question in one entry, whatever the case of the id feedback sends', async () => {
      const first = await record('How do I use weakref?');
      await record('how do i use WEAKREF');
      const last = await record('How do I use weakref?!', {
        citations: ['avoid-memory-leaks--weak-references', 'understand--garbage-collection'],
      });
      expect(await vote(first.answerId, true)).toBe('saved');
      expect(await vote(first.answerId.toUpperCase(), false, 'changed my mind')).toBe('saved');
      const summary = await store.summary({ limit: 10 });
      expect(summary.totals).toEqual({ answers: 3, abstained: 0, feedback: 1, helpful: 0, unhelpful: 1 });
      expect(summary.leastHelpful).toEqual([
        {
          question: last.question,
          unhelpful: 1,
          helpful: 0,
          abstained: false,
          citations: last.citations,
          comments: ['changed my mind'],
          lastFeedbackAt: expect.any(String),
        },
      ]);
    });

    it('shows what the latest answer to a question did, even when an earlier one was rated', async () => {
      const rated = await record('What is gc.collect for?');
      await vote(rated.answerId, false, 'wrong tip');
      await record('what is gc.collect for', { abstained: true, citations: [], topScore: null });
      const [entry] = (await store.summary({ limit: 10 })).leastHelpful;
      expect(entry).toMatchObject({ question: 'what is gc.collect for', abstained: true, citations: [] });
    });

    it('keeps the latest wording and time when an older answer is counted after a newer one', async () => {
      const older = answer('How do I center a div?', { abstained: true, citations: [], topScore: null });
      const newer = await record('how do I center a div', { abstained: true, citations: [], topScore: null });
      await store.recordAnswer(older);
      expect((await store.summary({ limit: 10 })).abstained).toEqual([
        { question: 'how do I center a div', count: 2, lastAskedAt: newer.createdAt },
      ]);
    });

    it('counts abstentions per question: how many, and when the latest was', async () => {
      await record('Is Python fast?', { abstained: true, citations: [], topScore: null });
      const lastAbstained = await record('is python fast', { abstained: true, citations: [], topScore: null });
      await record('Is Python fast?'); // answered this time
      const summary = await store.summary({ limit: 10 });
      expect(summary.totals).toMatchObject({ answers: 3, abstained: 2 });
      expect(summary.abstained).toEqual([
        { question: 'Is Python fast?', count: 2, lastAskedAt: lastAbstained.createdAt },
      ]);
    });

    it('keeps one verdict per answer: a later vote replaces the earlier one', async () => {
      const a = await record('How do I use weakref?');
      expect(await vote(a.answerId, true)).toBe('saved');
      expect(await vote(a.answerId, false, 'no example')).toBe('saved');
      const summary = await store.summary({ limit: 10 });
      expect(summary.totals).toEqual({ answers: 1, abstained: 0, feedback: 1, helpful: 0, unhelpful: 1 });
      expect(summary.leastHelpful).toEqual([
        {
          question: 'How do I use weakref?',
          unhelpful: 1,
          helpful: 0,
          abstained: false,
          citations: ['avoid-memory-leaks--weak-references'],
          comments: ['no example'],
          lastFeedbackAt: expect.any(String),
        },
      ]);
    });

    it('groups the same question asked differently, most unhelpful first, with the latest wording', async () => {
      const first = await record('How do I use weakref?');
      const second = await record('  how do I use   WEAKREF ');
      const other = await record('What is gc.collect for?', { citations: ['understand--garbage-collection'] });
      const liked = await record('How big is a list?');
      await vote(first.answerId, false, 'too short');
      await vote(second.answerId, false);
      await vote(other.answerId, false, 'wrong tip');
      await vote(other.answerId, false, 'still wrong');
      await vote(liked.answerId, true);
      const third = await record('what is gc.collect for');
      await vote(third.answerId, true);

      const { leastHelpful } = await store.summary({ limit: 10 });
      expect(leastHelpful.map((q) => [q.question, q.unhelpful, q.helpful])).toEqual([
        ['  how do I use   WEAKREF ', 2, 0],
        ['what is gc.collect for', 1, 1],
      ]);
      expect(leastHelpful[0]?.comments).toEqual(['too short']);
      expect(leastHelpful[1]?.comments).toEqual(['still wrong']);
    });

    it('lists up to three recent comments of unhelpful votes, newest first', async () => {
      for (const comment of ['one', 'two', 'three', 'four']) {
        const a = await record('Why is my dict so big?');
        await vote(a.answerId, false, comment);
      }
      const helpful = await record('why is my dict so big');
      await vote(helpful.answerId, true, 'thanks!');
      const [entry] = (await store.summary({ limit: 10 })).leastHelpful;
      expect(entry?.comments).toEqual(['four', 'three', 'two']);
      expect(entry).toMatchObject({ unhelpful: 4, helpful: 1 });
    });

    it('lists abstained questions, most asked first, with their latest time', async () => {
      await record('How do I center a div?', { abstained: true, citations: [], topScore: null });
      const last = await record('how do I center a div', { abstained: true, citations: [], topScore: null });
      await record('What is a monad?', { abstained: true, citations: [], topScore: null });
      await record('How do I use weakref?');
      const summary = await store.summary({ limit: 10 });
      expect(summary.abstained).toEqual([
        { question: 'how do I center a div', count: 2, lastAskedAt: last.createdAt },
        { question: 'What is a monad?', count: 1, lastAskedAt: expect.any(String) },
      ]);
      expect(summary.totals).toMatchObject({ answers: 4, abstained: 3 });
    });

    it('returns at most `limit` entries per list', async () => {
      for (let i = 0; i < 5; i++) {
        const a = await record(`question number ${i}`, { abstained: true, citations: [], topScore: null });
        await vote(a.answerId, false);
      }
      const summary = await store.summary({ limit: 2 });
      expect(summary.leastHelpful).toHaveLength(2);
      expect(summary.abstained).toHaveLength(2);
      expect(summary.leastHelpful[0]).toMatchObject({ abstained: true, citations: [] });
    });

    it('prunes by retention: questions past the age or beyond the newest maxQuestions go with their verdicts; verdicts beyond maxVerdicts, oldest first', async () => {
      const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T00:00:00.000Z`;
      const asked = [];
      for (let day = 1; day <= 6; day++) asked.push(await record(`question on day ${day}`, { createdAt: at(day) }));
      for (const [i, a] of asked.entries())
        expect(await store.saveFeedback({ answerId: a.answerId, helpful: false, at: at(i + 1) })).toBe('saved');
      // Older than 3 days on the 6th: days 1 and 2 go; of the rest, the newest 3 stay; then the newest 2 verdicts.
      const pruned = await store.prune(
        { maxAgeDays: 3.5, maxQuestions: 3, maxVerdicts: 2 },
        new Date(`2026-02-06T12:00:00.000Z`),
      );
      expect(pruned).toEqual({ questions: 3, verdicts: 4 });
      const summary = await store.summary({ limit: 10 });
      expect(summary.totals).toMatchObject({ answers: 3, feedback: 2 });
      expect(summary.leastHelpful.map((q) => q.question).sort()).toEqual(['question on day 5', 'question on day 6']);
      expect(store.health().status).toBe('ok');
    });
  });
}
