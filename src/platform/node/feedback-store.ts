import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from '../../feedback/feedback-store.js';
import { SqliteFeedbackStore, type SqliteFeedbackStoreOptions } from '../../feedback/sqlite-feedback-store.js';
import type { Logger } from '../../logger.js';

/** `FEEDBACK_DB=off` keeps no feedback (the routes answer 503). */
export const FEEDBACK_DB_OFF = 'off';

// The SQL files live in src/ (wrangler reads them too); found from here whether this runs as
// src/platform/node/*.ts (tsx, vitest) or as dist/src/platform/node/*.js (npm start).
const MIGRATION_DIRS = ['../../feedback/migrations/', '../../../../src/feedback/migrations/'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

/** The feedback database cannot be used: the message names `FEEDBACK_DB` and says what to do. */
export class FeedbackStorageError extends Error {
  override readonly name = 'FeedbackStorageError';
}

/**
 * Opens the SQLite feedback store at `file` (creating the file and its folder), with the schema
 * migrations of `src/feedback/migrations` applied, and checks its storage: the file takes a write
 * (not read-only, disk not full), every migration is applied, and its disk has at least
 * `minFreeBytes` free. Any failure is a {@link FeedbackStorageError} naming `FEEDBACK_DB`, so the
 * server does not start and report healthy over storage that cannot keep a verdict. Undefined for `off`.
 *
 * @example const feedback = await openFeedbackStore('data/feedback.sqlite', { onFlushError: (e) => logger.error('feedback_flush_failed', { error: String(e) }) });
 */
export async function openFeedbackStore(
  file: string,
  options: SqliteFeedbackStoreOptions = {},
): Promise<SqliteFeedbackStore | undefined> {
  if (file === FEEDBACK_DB_OFF) return undefined;
  const fix = `Point FEEDBACK_DB at a writable file on a disk with room, or set FEEDBACK_DB=off to keep no feedback.`;
  const fail = (what: string, cause: unknown): never => {
    throw new FeedbackStorageError(
      `FEEDBACK_DB=${file}: ${what}: ${cause instanceof Error ? cause.message : String(cause)}. ${fix}`,
      { cause },
    );
  };
  const migrations = await readMigrations();
  if (file !== ':memory:') {
    await mkdir(dirname(file), { recursive: true }).catch((error: unknown) => fail('cannot create its folder', error));
    for (const path of existsSync(file) ? [dirname(file), file] : [dirname(file)]) {
      // SQLite would only say "unable to open database file" (WAL needs to create files beside it).
      try {
        accessSync(path, constants.W_OK);
      } catch (error) {
        fail(`${path === file ? 'the file' : 'its folder'} is read-only`, error);
      }
    }
    const free = freeBytesAt(dirname(file));
    const minFree = options.minFreeBytes ?? 32 * 1024 * 1024;
    if (free !== undefined && free < minFree) {
      fail('too little free space', `${mib(free)} free on its disk, FEEDBACK_MIN_FREE_MB asks for ${mib(minFree)}`);
    }
  }
  let store: SqliteFeedbackStore | undefined;
  try {
    store = SqliteFeedbackStore.open(file, migrations, options);
  } catch (error) {
    return fail('cannot open it for writing', error);
  }
  const applied = store.appliedMigrations();
  const missing = migrations.filter((m) => !applied.includes(m.name)).map((m) => m.name);
  if (missing.length > 0) {
    store.close();
    fail('migrations not applied', missing.join(', '));
  }
  return store;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function freeBytesAt(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
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
