import Database from 'better-sqlite3';
import type { FeedbackStore } from './feedback-store.js';
import {
  answerParams,
  FEEDBACK_SQL,
  feedbackParams,
  toSummary,
  type AbstainedRow,
  type LeastHelpfulRow,
  type TotalsRow,
} from './feedback-sql.js';
import type { Migration } from './migration.js';
import type { AnswerRecord, FeedbackEntry, FeedbackSummary, SaveFeedbackResult } from './types.js';

/** An answer waiting for its batch's transaction. */
interface PendingAnswer {
  readonly params: ReturnType<typeof answerParams>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Feedback in a SQLite file on Node (better-sqlite3; WAL, so reads never block the writer).
 * Synchronous underneath, so it runs inline. Every answer is recorded, so those inserts are
 * batched: the answers of one event-loop turn go in one transaction, and each `recordAnswer`
 * resolves once its row is committed (feedback sent after the answer always finds it). One
 * transaction per answer cost ~130 µs of blocked event loop each, ~1.3 ms with the default
 * `synchronous = FULL` (an fsync per commit), which capped `/v1/ask` near 800 requests/s
 * (`npm run bench`, issue #8).
 *
 * @example
 * const store = SqliteFeedbackStore.open('data/feedback.sqlite', await readMigrations('src/feedback/migrations'));
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly statements;
  private readonly insertAnswers: (batch: readonly PendingAnswer[]) => void;
  private pending: PendingAnswer[] = [];

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertAnswer: db.prepare(FEEDBACK_SQL.insertAnswer),
      upsertFeedback: db.prepare(FEEDBACK_SQL.upsertFeedback),
      totals: db.prepare<[], TotalsRow>(FEEDBACK_SQL.totals),
      leastHelpful: db.prepare<[number], LeastHelpfulRow>(FEEDBACK_SQL.leastHelpful),
      abstained: db.prepare<[number], AbstainedRow>(FEEDBACK_SQL.abstained),
    };
    this.insertAnswers = db.transaction((batch: readonly PendingAnswer[]) => {
      for (const answer of batch) this.statements.insertAnswer.run(...answer.params);
    });
  }

  /** Opens (creating if needed) the database file and applies the migrations it has not seen. */
  static open(filename: string, migrations: readonly Migration[]): SqliteFeedbackStore {
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    // WAL's recommended durability: commits skip the fsync (the database cannot corrupt; a power
    // cut may lose the last moments of answers), checkpoints still sync.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
    return new SqliteFeedbackStore(db);
  }

  recordAnswer(record: AnswerRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ params: answerParams(record), resolve, reject }) === 1) setImmediate(() => this.flushAnswers());
    });
  }

  async saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult> {
    const row = this.statements.upsertFeedback.get(...feedbackParams(entry));
    return row ? 'saved' : 'unknown-answer';
  }

  async summary({ limit }: { readonly limit: number }): Promise<FeedbackSummary> {
    const totals = this.statements.totals.get();
    if (!totals) throw new Error('feedback totals query returned no row');
    return toSummary(totals, this.statements.leastHelpful.all(limit), this.statements.abstained.all(limit));
  }

  close(): void {
    this.flushAnswers();
    this.db.close();
  }

  /** Commits the pending answers in one transaction; if it fails, row by row, so only a bad row is refused. */
  private flushAnswers(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.insertAnswers(batch);
      for (const answer of batch) answer.resolve();
      return;
    } catch {
      // One failing row rolls the whole transaction back: retry each alone below.
    }
    for (const answer of batch) {
      try {
        this.statements.insertAnswer.run(...answer.params);
        answer.resolve();
      } catch (error) {
        answer.reject(error);
      }
    }
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
