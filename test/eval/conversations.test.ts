import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import {
  CONVERSATION_TARGETS,
  CONVERSATIONS_SET,
  formatConversationReport,
  loadConversations,
  runConversations,
} from '../../scripts/lib/eval/conversations.js';
import { loadRealQuestions, REAL_QUESTIONS_SET } from '../../scripts/lib/eval/real-questions.js';
import { share } from '../../scripts/lib/eval/real-eval.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const ids = new Set(index.knowledge.tips.map((t) => t.id));
const set = await loadConversations(CONVERSATIONS_SET, ids);
const report = await runConversations(index, DEFAULT_ANSWER_OPTIONS, set);
const text = formatConversationReport(report);

describe('scripted conversations (test/eval/conversations.json): follow-ups that add something', () => {
  it('holds at least 30 conversations of at least three turns, each opening with a real question of the tuning half', async () => {
    expect(set.conversations.length).toBeGreaterThanOrEqual(30);
    const real = await loadRealQuestions(REAL_QUESTIONS_SET, ids);
    const byId = new Map(real.questions.map((q) => [q.id, q]));
    for (const c of set.conversations) {
      expect(c.turns.length, c.id).toBeGreaterThanOrEqual(3);
      const from = byId.get(c.from ?? '');
      expect(from?.half, c.id).toBe('tuning');
      expect(c.turns[0]?.question, c.id).toBe(from?.question);
    }
  });

  it('never repeats in a follow-up what an earlier answer of the conversation quoted', () => {
    expect(share(report.noRepeat), text).toBeGreaterThanOrEqual(CONVERSATION_TARGETS.noRepeat);
  });

  it(`cites a right unit first in ≥ ${CONVERSATION_TARGETS.rightUnit * 100}% of the follow-ups`, () => {
    expect(share(report.rightUnit), text).toBeGreaterThanOrEqual(CONVERSATION_TARGETS.rightUnit);
  });

  it('quotes the facet a follow-up asks for ("why?", "how much does it save?") whenever its unit has one not quoted yet', () => {
    expect(share(report.facetQuoted), text).toBeGreaterThanOrEqual(0.95);
  });
});
