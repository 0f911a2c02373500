import { questionHashOf } from '../answer/answer-id.js';
import type { FeedbackStore } from './feedback-store.js';
import {
  FEEDBACK_SQL,
  feedbackParams,
  questionParams,
  retentionParams,
  toSummary,
  type AbstainedRow,
  type LeastHelpfulRow,
  type TotalsRow,
} from './feedback-sql.js';
import { questionHashOfAnswer, tallyOf } from './question-tally.js';
import {
  DEFAULT_RETENTION,
  type AnswerRecord,
  type FeedbackEntry,
  type FeedbackSummary,
  type PruneResult,
  type RetentionPolicy,
  type SaveFeedbackResult,
  type StorageHealth,
} from './types.js';

/**
 * The part of Cloudflare's `D1Database` binding this store uses; the real binding satisfies it
 * (checked by the workerd tests), and `src/` type-checks without the Workers globals.
 */
export interface D1DatabaseLike {
  prepare(query: string): D1StatementLike;
}

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  // The shape of D1PreparedStatement.first<T>(), so that the real binding is assignable to it.

  first<T = Record<string, unknown>>(): Promise<T | null>;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  run(): Promise<D1RunResultLike>;
}

/** What `run()` tells: how many rows the statement changed. */
export interface D1RunResultLike {
  readonly meta?: { readonly changes?: number };
}

export interface D1FeedbackStoreOptions {
  /** What retention keeps (`FEEDBACK_MAX_*` vars); the defaults otherwise. */
  readonly retention?: RetentionPolicy;
  /** How often an isolate runs retention, with a write that is due anyway; hourly by default. */
  readonly pruneIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Feedback in Cloudflare D1 on Workers. The schema comes from `wrangler d1 migrations apply`
 * (the `migrations_dir` of the `DB` binding in wrangler.toml). Each answer is one upsert of its
 * question's counts: requests may run in different isolates, so there is nothing to batch across.
 * A failed write rejects (503 to the client) and shows in `health()` until one succeeds. Retention
 * runs at most hourly per isolate, after a write (D1 checkpoints its own log).
 *
 * @example const store = new D1FeedbackStore(env.DB, { retention: { maxAgeDays: 180, maxQuestions: 50_000, maxVerdicts: 50_000 } });
 */
export class D1FeedbackStore implements FeedbackStore {
  private lastError: StorageHealth['lastError'];
  private prunedAt: number;
  private readonly retention: RetentionPolicy;
  private readonly pruneIntervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: D1DatabaseLike,
    options: D1FeedbackStoreOptions = {},
  ) {
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
    // A fresh isolate waits a while before its first retention run: isolates come and go often.
    this.prunedAt = this.now();
  }

  async recordAnswer(record: AnswerRecord): Promise<void> {
    const params = questionParams(questionHashOfAnswer(record), tallyOf(record));
    await this.write(() =>
      this.db
        .prepare(FEEDBACK_SQL.upsertQuestion)
        .bind(...params)
        .run(),
    );
    await this.pruneWhenDue();
  }

  async saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult> {
    const hash = questionHashOf(entry.answerId);
    if (hash === undefined) return 'unknown-answer';
    const result = await this.write(() =>
      this.db
        .prepare(FEEDBACK_SQL.upsertFeedback)
        .bind(...feedbackParams(entry, hash))
        .run(),
    );
    return (result.meta?.changes ?? 0) > 0 ? 'saved' : 'unknown-answer';
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

  async prune(policy: RetentionPolicy, now: Date): Promise<PruneResult> {
    const params = retentionParams(policy, now);
    const changes: number[] = [];
    for (const [i, sql] of FEEDBACK_SQL.prune.entries()) {
      const result = await this.write(() =>
        this.db
          .prepare(sql)
          .bind(...(params[i] ?? []))
          .run(),
      );
      changes.push(result.meta?.changes ?? 0);
    }
    return {
      questions: (changes[1] ?? 0) + (changes[3] ?? 0),
      verdicts: (changes[0] ?? 0) + (changes[2] ?? 0) + (changes[4] ?? 0),
    };
  }

  health(): StorageHealth {
    return this.lastError ? { status: 'failing', lastError: this.lastError } : { status: 'ok' };
  }

  private async pruneWhenDue(): Promise<void> {
    if (this.now() - this.prunedAt < this.pruneIntervalMs) return;
    this.prunedAt = this.now();
    await this.prune(this.retention, new Date(this.prunedAt));
  }

  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.lastError = undefined;
      return result;
    } catch (error) {
      this.lastError = { at: new Date(this.now()).toISOString(), message: String(error) };
      throw error;
    }
  }
}
