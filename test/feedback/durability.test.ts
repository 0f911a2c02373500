import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import { createApp } from '../../src/app.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import type { AnswerRecord } from '../../src/feedback/types.js';
import type { Logger } from '../../src/logger.js';
import { FeedbackStorageError, openFeedbackStore, readMigrations } from '../../src/platform/node/feedback-store.js';
import { builtIndex } from '../helpers/built-index.js';

// Issue #19: an acknowledged verdict is stored, or the client hears otherwise; the WAL and the
// tables stay bounded; storage that cannot take a write is caught at start-up.

const migrations = await readMigrations();
const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pymem-durability-'));
  dirs.push(dir);
  return join(dir, 'feedback.sqlite');
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const record = (question: string, at = new Date().toISOString()): AnswerRecord => ({
  answerId: newAnswerId(question),
  question,
  abstained: false,
  citations: ['avoid-memory-leaks--weak-references'],
  topScore: 0.6,
  createdAt: at,
});

/** A store over `file` whose connection the test keeps, to fill the "disk" (`max_page_count`). */
function storeWithHandle(file: string) {
  SqliteFeedbackStore.open(file, migrations).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return { db, store: new SqliteFeedbackStore(db, { maintenanceIntervalMs: 0 }) };
}

describe('a write that fails is never acknowledged', () => {
  it('rejects a verdict the database cannot take, reports it in health(), and recovers', async () => {
    const { db, store } = storeWithHandle(await tempFile());
    const answer = record('how do I find a leak?');
    store.recordAnswer(answer);
    store.flush();
    // The disk is full: the database may not grow by a single page.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const acknowledged: string[] = [];
    let failure: unknown;
    for (let i = 0; i < 200 && !failure; i++) {
      const answerId = newAnswerId('how do I find a leak?');
      try {
        expect(
          await store.saveFeedback({
            answerId,
            helpful: false,
            comment: 'x'.repeat(900),
            at: new Date().toISOString(),
          }),
        ).toBe('saved');
        acknowledged.push(answerId);
      } catch (error) {
        failure = error;
      }
    }
    expect(String(failure)).toMatch(/full/);
    expect(store.health()).toMatchObject({ status: 'failing', lastError: { message: expect.stringMatching(/full/) } });
    // Every verdict acknowledged before the failure is stored.
    const stored = db
      .prepare<[], { answer_id: string }>('SELECT answer_id FROM feedback')
      .all()
      .map((r) => r.answer_id);
    expect(stored.sort()).toEqual(acknowledged.map((id) => id.toLowerCase()).sort());

    db.pragma('max_page_count = 1073741823');
    expect(await store.saveFeedback({ answerId: answer.answerId, helpful: true, at: new Date().toISOString() })).toBe(
      'saved',
    );
    expect(store.health().status).toBe('ok');
    store.close();
  });

  it('POST /v1/feedback answers 503 with Retry-After, logs the failure with the request id, and /healthz says degraded', async () => {
    const { db, store } = storeWithHandle(await tempFile());
    const errors: Record<string, unknown>[] = [];
    const logger: Logger = { info: () => {}, error: (event, fields) => errors.push({ event, ...fields }) };
    const app = createApp({ index: await builtIndex(), logger, feedback: store });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const { answerId } = (await (await post('/v1/ask', { question: 'what is a weak reference?' })).json()) as {
      answerId: string;
    };
    expect((await post('/v1/feedback', { answerId, helpful: true })).status).toBe(200);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    let res: Response | undefined;
    for (let i = 0; i < 200; i++) {
      res = await post(
        '/v1/feedback',
        { answerId: newAnswerId('what is a weak reference?'), helpful: false, comment: 'y'.repeat(900) },
        { 'x-request-id': `disk-full-${i}` },
      );
      if (res.status !== 200) break;
    }
    expect(res?.status).toBe(503);
    expect(res?.headers.get('retry-after')).toBe('5');
    expect(await res?.json()).toMatchObject({
      type: 'urn:pymem:problem:storage-unavailable',
      detail: expect.stringContaining('nothing was recorded'),
    });
    expect(errors).toContainEqual(
      expect.objectContaining({
        event: 'feedback_write_failed',
        requestId: expect.stringMatching(/^disk-full-/),
        error: expect.stringMatching(/full/),
      }),
    );
    const health = (await (await app.request('/healthz')).json()) as { status: string; storage: { status: string } };
    expect(health).toMatchObject({ status: 'degraded', storage: { status: 'failing' } });
    store.close();
  });
});

describe('the write-ahead log stays bounded', () => {
  it('is checkpointed as it grows (3,000 verdicts stay under 6 MB of WAL), and truncated by maintain()', async () => {
    const file = await tempFile();
    const store = SqliteFeedbackStore.open(file, migrations, { maintenanceIntervalMs: 0 });
    const answer = record('how big is a list?');
    store.recordAnswer(answer);
    for (let i = 0; i < 3_000; i++) {
      await store.saveFeedback({
        answerId: newAnswerId('how big is a list?'),
        helpful: i % 2 === 0,
        comment: 'c'.repeat(200),
        at: new Date().toISOString(),
      });
    }
    expect((await stat(`${file}-wal`)).size).toBeLessThan(6 * 1024 * 1024);
    const { walBytes } = store.maintain();
    expect(walBytes).toBe(0);
    expect(store.health()).toMatchObject({ status: 'ok', walBytes: 0 });
    store.close();
  });
});

describe('retention', () => {
  it('maintain() applies the store policy: old questions go with their verdicts', async () => {
    const store = SqliteFeedbackStore.open(':memory:', migrations, {
      maintenanceIntervalMs: 0,
      retention: { maxAgeDays: 30, maxQuestions: 100, maxVerdicts: 100 },
    });
    const old = record('an old question', '2026-01-01T00:00:00.000Z');
    const fresh = record('a fresh question', '2026-03-01T00:00:00.000Z');
    store.recordAnswer(old);
    store.recordAnswer(fresh);
    await store.saveFeedback({ answerId: old.answerId, helpful: false, at: '2026-01-01T00:00:01.000Z' });
    await store.saveFeedback({ answerId: fresh.answerId, helpful: false, at: '2026-03-01T00:00:01.000Z' });
    const { pruned } = store.maintain(new Date('2026-03-10T00:00:00.000Z'));
    expect(pruned).toEqual({ questions: 1, verdicts: 1 });
    const summary = await store.summary({ limit: 10 });
    expect(summary.totals).toMatchObject({ answers: 1, feedback: 1 });
    expect(summary.leastHelpful.map((q) => q.question)).toEqual(['a fresh question']);
    store.close();
  });
});

describe('start-up storage check: a failure names FEEDBACK_DB', () => {
  it('when a folder is where the file should be', async () => {
    const folder = dirname(await tempFile());
    const error = await openFeedbackStore(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedbackStorageError);
    expect(String(error)).toMatch(
      /^FeedbackStorageError: FEEDBACK_DB=.*: cannot open it for writing: .*Point FEEDBACK_DB at a writable file/,
    );
  });

  it('when its folder cannot be created (a file is in the way)', async () => {
    const file = await tempFile();
    await writeFile(file, 'not a folder');
    const error = await openFeedbackStore(join(file, 'feedback.sqlite')).catch((e: unknown) => e);
    expect(String(error)).toMatch(/FEEDBACK_DB=.*: cannot create its folder: .*or set FEEDBACK_DB=off/);
  });

  it('when its disk has less free space than FEEDBACK_MIN_FREE_MB', async () => {
    const error = await openFeedbackStore(await tempFile(), { minFreeBytes: Number.MAX_SAFE_INTEGER }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(
      /FEEDBACK_DB=.*: too little free space: .* MiB free on its disk, FEEDBACK_MIN_FREE_MB asks for/,
    );
  });

  it('when the file is not a database', async () => {
    const file = await tempFile();
    await writeFile(file, 'this is not SQLite, just text that is long enough to have a header. '.repeat(10));
    expect(String(await openFeedbackStore(file).catch((e: unknown) => e))).toMatch(
      /FEEDBACK_DB=.*: cannot open it for writing: file is not a database/,
    );
  });
});
