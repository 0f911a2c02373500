import type {
  AnswerRecord,
  FeedbackEntry,
  FeedbackSummary,
  PruneResult,
  RetentionPolicy,
  SaveFeedbackResult,
  StorageHealth,
} from './types.js';

/**
 * Durable storage of the answers given, counted per question, and the feedback on them. A write
 * that fails rejects (the route answers 503 with `Retry-After`): a verdict is acknowledged only
 * once it is stored.
 * `SqliteFeedbackStore` (Node, a file) and `D1FeedbackStore` (Workers, a D1 binding) run the same
 * SQL (`feedback-sql.ts`).
 *
 * @example
 * await store.recordAnswer({ answerId, question: 'gc?', abstained: false, citations: ['a--b'], topScore: 0.8, createdAt });
 * await store.saveFeedback({ answerId, helpful: false, comment: 'too vague', at }); // 'saved'
 * const { leastHelpful, abstained } = await store.summary({ limit: 20 });
 */
export interface FeedbackStore {
  /**
   * Counts an answer under its question (the hash its `answerId` carries), so that feedback naming
   * the id leads back to the question. Synchronous where the store buffers (SQLite), a promise
   * where it writes at once (D1); either way feedback saved afterwards finds the question.
   */
  recordAnswer(record: AnswerRecord): void | Promise<void>;
  /**
   * Stores the verdict on an answer, replacing an earlier one; `unknown-answer` when the id carries
   * no question hash or its question was never answered (ids are not stored one by one, so any
   * well-formed id of an answered question is taken).
   */
  saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult>;
  /** The least helpful questions and the abstained ones, `limit` of each. */
  summary(options: { readonly limit: number }): Promise<FeedbackSummary>;
  /** Deletes what `policy` no longer keeps (see {@link RetentionPolicy}); stores also do it on their own schedule. */
  prune(policy: RetentionPolicy, now: Date): Promise<PruneResult>;
  /** Whether writes are succeeding, for `/healthz`; never touches the database. */
  health(): StorageHealth;
}

/** One schema migration: a file of `migrations/` (`0001_name.sql`) and its SQL. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}
