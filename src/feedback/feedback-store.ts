import type { AnswerRecord, FeedbackEntry, FeedbackSummary, SaveFeedbackResult } from './types.js';

/**
 * Durable storage for answers and the feedback on them. `SqliteFeedbackStore` (Node, a file) and
 * `D1FeedbackStore` (Workers, a D1 binding) run the same SQL (`feedback-sql.ts`).
 *
 * @example
 * await store.recordAnswer({ answerId, question: 'gc?', abstained: false, citations: ['a--b'], topScore: 0.8, createdAt });
 * await store.saveFeedback({ answerId, helpful: false, comment: 'too vague', at }); // 'saved'
 * const { leastHelpful, abstained } = await store.summary({ limit: 20 });
 */
export interface FeedbackStore {
  /** Remembers an answer so that feedback naming its id leads back to the question. */
  recordAnswer(record: AnswerRecord): Promise<void>;
  /** Stores the verdict on an answer, replacing an earlier one; `unknown-answer` when never recorded. */
  saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult>;
  /** The least helpful answers and the abstained questions, `limit` of each. */
  summary(options: { readonly limit: number }): Promise<FeedbackSummary>;
}
