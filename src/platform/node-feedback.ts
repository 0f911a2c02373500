import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from '../feedback/migration.js';
import { SqliteFeedbackStore, type SqliteFeedbackStoreOptions } from '../feedback/sqlite-feedback-store.js';
import type { Logger } from '../logger.js';

/** `FEEDBACK_DB=off` keeps no feedback (the routes answer 503). */
export const FEEDBACK_DB_OFF = 'off';

// The SQL files live in src/ (wrangler reads them too); found from here whether this runs as
// src/platform/*.ts (tsx, vitest) or as dist/src/platform/*.js (npm start).
const MIGRATION_DIRS = ['../feedback/migrations/', '../../../src/feedback/migrations/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

/**
 * Opens the SQLite feedback store at `file` (creating the file and its folder), with the schema
 * migrations of `src/feedback/migrations` applied; undefined for `off`.
 *
 * @example const feedback = await openFeedbackStore('data/feedback.sqlite', { onFlushError: (e) => logger.error('feedback_flush_failed', { error: String(e) }) });
 */
export async function openFeedbackStore(file: string, options: SqliteFeedbackStoreOptions = {}): Promise<SqliteFeedbackStore | undefined> {
  if (file === FEEDBACK_DB_OFF) return undefined;
  if (file !== ':memory:') await mkdir(dirname(file), { recursive: true });
  return SqliteFeedbackStore.open(file, await readMigrations(), options);
}

/**
 * On shutdown: writes the answer counts still in memory and closes the file; a failure is logged
 * (those counts are lost), never thrown.
 *
 * @example drain: async () => { await pendingWork.drain(); closeFeedbackStore(feedback, logger); }
 */
export function closeFeedbackStore(store: SqliteFeedbackStore | undefined, logger: Logger): void {
  try {
    store?.close();
  } catch (error) {
    logger.error('feedback_flush_failed', { error: String(error) });
  }
}

/** The `NNNN_name.sql` files, in order. */
export async function readMigrations(dir = MIGRATION_DIRS.find((d) => existsSync(d))): Promise<Migration[]> {
  if (!dir) throw new Error(`No feedback migrations folder at ${MIGRATION_DIRS.join(' or ')}.`);
  const names = (await readdir(dir)).filter((n) => /^\d+_.+\.sql$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(join(dir, name), 'utf8') })));
}
