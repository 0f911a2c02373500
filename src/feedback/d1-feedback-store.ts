import { questionHashOf } from '../answer/answer-id.js';
import type { FeedbackStore } from './feedback-store.js';
import {
  FEEDBACK_SQL,
  feedbackParams,
  questionParams,
  toSummary,
  type AbstainedRow,
  type LeastHelpfulRow,
  type TotalsRow,
} from './feedback-sql.js';
import { questionHashOfAnswer, tallyOf } from './question-tally.js';
import type { AnswerRecord, FeedbackEntry, FeedbackSummary, SaveFeedbackResult } from './types.js';

/**
 * The part of Cloudflare's `D1Database` binding this store uses; the real binding satisfies it
 * (checked by the workerd tests), and `src/` type-checks without the Workers globals.
 */
export interface D1DatabaseLike {
  prepare(query: string): D1StatementLike;
}

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  run(): Promise<unknown>;
}

/**
 * Feedback in Cloudflare D1 on Workers. The schema comes from `wrangler d1 migrations apply`
 * (the `migrations_dir` of the `DB` binding in wrangler.toml). Each answer is one upsert of its
 * question's counts: requests may run in different isolates, so there is nothing to batch across.
 *
 * @example const store = new D1FeedbackStore(env.DB);
 */
export class D1FeedbackStore implements FeedbackStore {
  constructor(private readonly db: D1DatabaseLike) {}

  async recordAnswer(record: AnswerRecord): Promise<void> {
    await this.db.prepare(FEEDBACK_SQL.upsertQuestion).bind(...questionParams(questionHashOfAnswer(record), tallyOf(record))).run();
  }

  async saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult> {
    const hash = questionHashOf(entry.answerId);
    if (hash === undefined) return 'unknown-answer';
    const row = await this.db.prepare(FEEDBACK_SQL.upsertFeedback).bind(...feedbackParams(entry, hash)).first();
    return row ? 'saved' : 'unknown-answer';
  }

  async summary({ limit }: { readonly limit: number }): Promise<FeedbackSummary> {
    const [totals, leastHelpful, abstained] = await Promise.all([
      this.db.prepare(FEEDBACK_SQL.totals).first<TotalsRow>(),
      this.db.prepare(FEEDBACK_SQL.leastHelpful).bind(limit).all<LeastHelpfulRow>(),
      this.db.prepare(FEEDBACK_SQL.abstained).bind(limit).all<AbstainedRow>(),
    ]);
    if (!totals) throw new Error('feedback totals query returned no row');
    return toSummary(totals, leastHelpful.results, abstained.results);
  }
}
