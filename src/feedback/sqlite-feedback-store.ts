import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { questionHashOf } from '../answer/answer-id.js';
import type { FeedbackStore, Migration } from './feedback-store.js';
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
import { addTally, questionHashOfAnswer, tallyOf, type QuestionTally } from './question-tally.js';
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

/** Questions whose answer counts may wait in memory; past it the oldest counts are dropped (logged), so a long storage failure cannot grow the heap. */
const MAX_PENDING_QUESTIONS = 10_000;

export interface SqliteFeedbackStoreOptions {
  /** How long answer counts may wait in memory before they are written; 1,000 ms by default. */
  readonly flushIntervalMs?: number;
  /**
   * Told when writing the counts on the timer failed. The counts stay pending and every later
   * flush (timer, feedback, summary, close) retries them; those report a failure to their caller.
   */
  readonly onFlushError?: (error: unknown) => void;
  /** What retention keeps (`FEEDBACK_MAX_*`); the defaults otherwise. */
  readonly retention?: RetentionPolicy;
  /** How often retention and a WAL checkpoint run (`maintain()`); 60,000 ms by default, 0: never on a timer. */
  readonly maintenanceIntervalMs?: number;
  /** Told what maintenance removed, or why it failed. */
  readonly onMaintenance?: (
    outcome: { readonly pruned: PruneResult; readonly walBytes: number } | { readonly error: unknown },
  ) => void;
  /** Below this many free bytes on the database's disk, `health()` says `low-space`. 32 MiB by default. */
  readonly minFreeBytes?: number;
  /**
   * SQLite's `synchronous` (`FEEDBACK_SYNCHRONOUS`): `normal` (default) commits to the WAL file
   * without an fsync, which survives a crash or `kill -9` of the process but not a power cut;
   * `full` syncs every commit (about 3 ms of the request thread per verdict on the benchmark disk).
   */
  readonly synchronous?: 'normal' | 'full';
}

/** A write-ahead log over this is truncated back to it after each checkpoint (SQLite's `journal_size_limit`). */
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

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
 * A verdict is acknowledged only once it is committed; a failed write (a full or read-only disk)
 * throws, and `health()` reports it until a write succeeds again.
 * Every minute (`maintain()`) retention deletes what the policy no longer keeps and the WAL is
 * checkpointed and truncated, so neither the tables nor the log grow without bound (issue #19).
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
  private readonly maintenanceTimer: ReturnType<typeof setInterval> | undefined;
  private readonly retention: RetentionPolicy;
  private readonly minFreeBytes: number;
  private lastError: StorageHealth['lastError'];
  private diskCheckedAt = 0;
  private disk: Pick<StorageHealth, 'freeBytes' | 'walBytes'> = {};
  private readonly pruneRows: (params: ReturnType<typeof retentionParams>) => PruneResult;

  constructor(
    private readonly db: Database.Database,
    options: SqliteFeedbackStoreOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.onFlushError = options.onFlushError ?? (() => {});
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.minFreeBytes = options.minFreeBytes ?? 32 * 1024 * 1024;
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
    const prune = FEEDBACK_SQL.prune.map((sql) => db.prepare(sql));
    this.pruneRows = db.transaction((params: ReturnType<typeof retentionParams>) => {
      const changes = prune.map((statement, i) => statement.run(...(params[i] ?? [])).changes);
      return {
        questions: (changes[1] ?? 0) + (changes[3] ?? 0),
        verdicts: (changes[0] ?? 0) + (changes[2] ?? 0) + (changes[4] ?? 0),
      };
    });
    const interval = options.maintenanceIntervalMs ?? 60_000;
    if (interval > 0) {
      const report = options.onMaintenance ?? (() => {});
      this.maintenanceTimer = setInterval(() => {
        try {
          report(this.maintain());
        } catch (error) {
          report({ error });
        }
      }, interval).unref();
    }
  }

  /** Opens (creating if needed) the database file and applies the migrations it has not seen. */
  static open(
    filename: string,
    migrations: readonly Migration[],
    options: SqliteFeedbackStoreOptions = {},
  ): SqliteFeedbackStore {
    const db = new Database(filename);
    try {
      db.pragma('journal_mode = WAL');
      // A commit is in the WAL file before a verdict is acknowledged: a crash or `kill -9` of the
      // process loses nothing. `full` also survives a power cut, at an fsync per commit.
      db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // Checkpoint every 1,000 pages (4 MB) of log, and truncate the log to 4 MiB after each.
      db.pragma('wal_autocheckpoint = 1000');
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      applyMigrations(db, migrations);
      checkWritable(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteFeedbackStore(db, options);
  }

  /** The migrations recorded as applied, by file name. */
  appliedMigrations(): string[] {
    return this.db
      .prepare<[], { name: string }>('SELECT name FROM d1_migrations ORDER BY id')
      .all()
      .map((r) => r.name);
  }

  /** Counts the answer in memory; throws when the store is closed or the id carries no question hash. */
  recordAnswer(record: AnswerRecord): void {
    if (!this.db.open) throw new Error('The feedback store is closed.');
    const hash = questionHashOfAnswer(record);
    const tally = this.pending.get(hash);
    if (tally) addTally(tally, tallyOf(record));
    else {
      if (this.pending.size >= MAX_PENDING_QUESTIONS) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        this.onFlushError(
          new Error(
            `${MAX_PENDING_QUESTIONS.toLocaleString('en-US')} questions' answer counts are waiting to be written; the oldest were dropped`,
          ),
        );
      }
      this.pending.set(hash, tallyOf(record));
    }
    this.scheduleFlush();
  }

  /** Stores the verdict, after the answer counts it may need; throws when either write fails. */
  async saveFeedback(entry: FeedbackEntry): Promise<SaveFeedbackResult> {
    const hash = questionHashOf(entry.answerId);
    if (hash === undefined) return 'unknown-answer';
    this.flush();
    const { changes } = this.write(() => this.statements.upsertFeedback.run(...feedbackParams(entry, hash)));
    return changes > 0 ? 'saved' : 'unknown-answer';
  }

  async prune(policy: RetentionPolicy, now: Date): Promise<PruneResult> {
    return this.write(() => this.pruneRows(retentionParams(policy, now)));
  }

  /**
   * Retention by the store's policy, then a checkpoint that truncates the WAL (`PRAGMA
   * wal_checkpoint(TRUNCATE)`); runs every minute on its own. Throws when a write fails.
   */
  maintain(now = new Date()): { readonly pruned: PruneResult; readonly walBytes: number } {
    this.flush();
    const pruned = this.write(() => this.pruneRows(retentionParams(this.retention, now)));
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.diskCheckedAt = 0;
    return { pruned, walBytes: this.walBytes() };
  }

  health(): StorageHealth {
    // Disk figures are syscalls: taken at most every 5 s, so `/healthz` stays as cheap as it was.
    if (Date.now() - this.diskCheckedAt > 5_000) {
      this.diskCheckedAt = Date.now();
      this.disk = { ...freeBytes(this.db.name), walBytes: this.walBytes() };
    }
    const status = this.lastError
      ? 'failing'
      : this.disk.freeBytes !== undefined && this.disk.freeBytes < this.minFreeBytes
        ? 'low-space'
        : 'ok';
    return { status, ...(this.lastError && { lastError: this.lastError }), ...this.disk };
  }

  /** Runs a write, keeping `health()` current: the failure stays reported until a write succeeds. */
  private write<T>(run: () => T): T {
    try {
      const result = run();
      this.lastError = undefined;
      return result;
    } catch (error) {
      this.lastError = { at: new Date().toISOString(), message: String(error) };
      throw error;
    }
  }

  private walBytes(): number {
    try {
      return statSync(`${this.db.name}-wal`).size;
    } catch {
      return 0;
    }
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
      this.write(() => this.writeTallies(this.pending));
    } catch (error) {
      this.scheduleFlush();
      throw error;
    }
    this.pending.clear();
  }

  /** Writes the pending counts, then closes the database; later answers throw (and are logged by the `Assistant`). */
  close(): void {
    if (!this.db.open) return;
    try {
      this.flush();
    } finally {
      clearTimeout(this.timer);
      clearInterval(this.maintenanceTimer);
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
  const applied = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM d1_migrations')
      .all()
      .map((r) => r.name),
  );
  const record = db.prepare('INSERT INTO d1_migrations (name) VALUES (?)');
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.name);
    })();
  }
}

/**
 * Proves the database takes a write (a transaction that rewrites `user_version` as it is): a
 * read-only file or mount, or a full disk, fails here at start-up rather than at the first verdict.
 */
function checkWritable(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => db.pragma(`user_version = ${version}`))();
}

/** Free bytes on the disk holding `file`; nothing for `:memory:` or when it cannot be told. */
function freeBytes(file: string): Pick<StorageHealth, 'freeBytes'> {
  if (file === ':memory:') return {};
  try {
    const stats = statfsSync(dirname(file));
    return { freeBytes: stats.bavail * stats.bsize };
  } catch {
    return {};
  }
}
