import Database from 'better-sqlite3';
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
import type { Migration } from './migration.js';
import { addTally, questionHashOfAnswer, tallyOf, type QuestionTally } from './question-tally.js';
import type { AnswerRecord, FeedbackEntry, FeedbackSummary, SaveFeedbackResult } from './types.js';

export interface SqliteFeedbackStoreOptions {
  /** How long answer counts may wait in memory before they are written; 1,000 ms by default. */
  readonly flushIntervalMs?: number;
  /**
   * Told when writing the counts on the timer failed. The counts stay pending and every later
   * flush (timer, feedback, summary, close) retries them; those report a failure to their caller.
   */
  readonly onFlushError?: (error: unknown) => void;
}

/**
 * Feedback in a SQLite file on Node (better-sqlite3; WAL, so reads never block the writer).
 *
 * Answers are counted in memory, per question: `recordAnswer` is a Map update, no SQL. The
 * counts are written in one transaction of upserts (one per question) a second after the first
 * answer not yet written, and at once before feedback is saved (so feedback sent right after an
 * answer finds its question), before a summary, and on `flush()`/`close()`, which Node's shutdown
 * calls. A crash loses at most that second of counts. A row per answer, even batched, cost
 * 20–70 µs of CPU per answer and grew the file without bound (`npm run bench`, issue #8).
 *
 * @example
 * const store = SqliteFeedbackStore.open('data/feedback.sqlite', await readMigrations());
 * store.recordAnswer(record); // counted in memory
 * await store.saveFeedback({ answerId: record.answerId, helpful: true, at }); // 'saved': the count was written first
 * store.close(); // writes what is pending
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly statements;
  private readonly writeTallies: (tallies: ReadonlyMap<string, QuestionTally>) => void;
  private readonly flushIntervalMs: number;
  private readonly onFlushError: (error: unknown) => void;
  /** Answers not yet written, by question hash. */
  private readonly pending = new Map<string, QuestionTally>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Database.Database,
    options: SqliteFeedbackStoreOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.onFlushError = options.onFlushError ?? (() => {});
    this.statements = {
      upsertQuestion: db.prepare(FEEDBACK_SQL.upsertQuestion),
      upsertFeedback: db.prepare(FEEDBACK_SQL.upsertFeedback),
      totals: db.prepare<[], TotalsRow>(FEEDBACK_SQL.totals),
      leastHelpful: db.prepare<[number], LeastHelpfulRow>(FEEDBACK_SQL.leastHelpful),
      abstained: db.prepare<[number], AbstainedRow>(FEEDBACK_SQL.abstained),
    };
    this.writeTallies = db.transaction((tallies: ReadonlyMap<string, QuestionTally>) => {
      for (const [hash, tally] of tallies) this.statements.upsertQuestion.run(...questionParams(hash, tally));
    });
  }

  /** Opens (creating if needed) the database file and applies the migrations it has not seen. */
  static open(filename: string, migrations: readonly Migration[], options: SqliteFeedbackStoreOptions = {}): SqliteFeedbackStore {
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    // WAL's recommended durability: commits skip the fsync (the database cannot corrupt; a power
    // cut may lose the last moments of counts), checkpoints still sync.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
    return new SqliteFeedbackStore(db, options);
  }

  /** Counts the answer in memory; throws when the store is closed or the id carries no question hash. */
  recordAnswer(record: AnswerRecord): void {
    if (!this.db.open) throw new Error('The feedback store is closed.');
    const hash = questionHashOfAnswer(record);
    const tally = this.pending.get(hash);
    if (tally) addTally(tally, tallyOf(record));
    else this.pending.set(hash, tallyOf(record));
    this.scheduleFlush();
  }

  async saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult> {
    const hash = questionHashOf(entry.answerId);
    if (hash === undefined) return 'unknown-answer';
    this.flush();
    const row = this.statements.upsertFeedback.get(...feedbackParams(entry, hash));
    return row ? 'saved' : 'unknown-answer';
  }

  async summary({ limit }: { readonly limit: number }): Promise<FeedbackSummary> {
    this.flush();
    const totals = this.statements.totals.get();
    if (!totals) throw new Error('feedback totals query returned no row');
    return toSummary(totals, this.statements.leastHelpful.all(limit), this.statements.abstained.all(limit));
  }

  /**
   * Writes the pending counts now, in one transaction. If that fails it rolls back: the counts
   * stay pending for the next flush (the timer retries), and the error is thrown.
   */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    try {
      this.writeTallies(this.pending);
    } catch (error) {
      this.scheduleFlush();
      throw error;
    }
    this.pending.clear();
  }

  /** Writes the pending counts, then closes the database; later answers throw (and are logged by `recordingAnswers`). */
  close(): void {
    if (!this.db.open) return;
    try {
      this.flush();
    } finally {
      clearTimeout(this.timer);
      this.db.close();
    }
  }

  private flushOnTimer(): void {
    this.timer = undefined;
    try {
      this.flush();
    } catch (error) {
      this.onFlushError(error);
    }
  }

  private scheduleFlush(): void {
    if (this.db.open) this.timer ??= setTimeout(() => this.flushOnTimer(), this.flushIntervalMs).unref();
  }
}

/** Applies, in order and each in a transaction, the migrations not yet listed in `d1_migrations`. */
function applyMigrations(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  const applied = new Set(db.prepare<[], { name: string }>('SELECT name FROM d1_migrations').all().map((r) => r.name));
  const record = db.prepare('INSERT INTO d1_migrations (name) VALUES (?)');
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.name);
    })();
  }
}
