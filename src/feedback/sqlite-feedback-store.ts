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

/**
 * Feedback in a SQLite file on Node (better-sqlite3; WAL, so reads never block the writer).
 * Synchronous underneath: each call is a few microseconds, so it runs inline.
 *
 * @example
 * const store = SqliteFeedbackStore.open('data/feedback.sqlite', await readMigrations('src/feedback/migrations'));
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertAnswer: db.prepare(FEEDBACK_SQL.insertAnswer),
      upsertFeedback: db.prepare(FEEDBACK_SQL.upsertFeedback),
      totals: db.prepare<[], TotalsRow>(FEEDBACK_SQL.totals),
      leastHelpful: db.prepare<[number], LeastHelpfulRow>(FEEDBACK_SQL.leastHelpful),
      abstained: db.prepare<[number], AbstainedRow>(FEEDBACK_SQL.abstained),
    };
  }

  /** Opens (creating if needed) the database file and applies the migrations it has not seen. */
  static open(filename: string, migrations: readonly Migration[]): SqliteFeedbackStore {
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
    return new SqliteFeedbackStore(db);
  }

  async recordAnswer(record: AnswerRecord): Promise<void> {
    this.statements.insertAnswer.run(...answerParams(record));
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
    this.db.close();
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
