import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import { SqliteFeedbackStore, type SqliteFeedbackStoreOptions } from '../../src/feedback/sqlite-feedback-store.js';
import type { AnswerRecord } from '../../src/feedback/types.js';
import { readMigrations } from '../../src/platform/node/feedback-store.js';

const migrations = await readMigrations();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempFile() {
  const dir = await mkdtemp(join(tmpdir(), 'pymem-counts-'));
  dirs.push(dir);
  return join(dir, 'feedback.sqlite');
}

async function onDisk(options: SqliteFeedbackStoreOptions = {}) {
  const file = await tempFile();
  return { file, store: SqliteFeedbackStore.open(file, migrations, options) };
}

const answer = (question: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord => ({
  answerId: newAnswerId(question),
  question,
  abstained: false,
  citations: ['avoid-memory-leaks--weak-references'],
  topScore: 0.5,
  createdAt: new Date().toISOString(),
  ...overrides,
});

/** The `questions` rows as another connection (another process) sees them. */
const writtenCounts = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare<[], { question: string; asked: number }>('SELECT question, asked FROM questions ORDER BY question')
    .all();
  db.close();
  return rows;
};

describe('SqliteFeedbackStore answer counts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts answers in memory and writes them, per question, a second after the first one', async () => {
    const { file, store } = await onDisk();
    for (let i = 0; i < 50; i++) store.recordAnswer(answer(`question ${i % 3}`));
    expect(writtenCounts(file)).toEqual([]); // nothing written synchronously
    vi.advanceTimersByTime(999);
    expect(writtenCounts(file)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writtenCounts(file)).toEqual([
      { question: 'question 0', asked: 17 },
      { question: 'question 1', asked: 17 },
      { question: 'question 2', asked: 16 },
    ]);
    expect(vi.getTimerCount()).toBe(0); // idle: no timer until the next answer
    store.recordAnswer(answer('question 0'));
    vi.advanceTimersByTime(1000);
    expect(writtenCounts(file)[0]).toEqual({ question: 'question 0', asked: 18 });
    store.close();
  });

  it('writes the pending counts before saving feedback, so feedback right after an answer finds it', async () => {
    const { file, store } = await onDisk();
    const a = answer('q?');
    store.recordAnswer(a);
    expect(await store.saveFeedback({ answerId: a.answerId, helpful: true, at: new Date().toISOString() })).toBe(
      'saved',
    );
    expect(writtenCounts(file)).toEqual([{ question: 'q?', asked: 1 }]);
    store.close();
  });

  it('writes the pending counts before a summary', async () => {
    const { store } = await onDisk();
    store.recordAnswer(answer('gc?', { abstained: true, citations: [], topScore: null }));
    expect((await store.summary({ limit: 5 })).totals).toMatchObject({ answers: 1, abstained: 1 });
    store.close();
  });

  it('writes on flush() and cancels the timer', async () => {
    const { file, store } = await onDisk();
    store.recordAnswer(answer('q?'));
    expect(vi.getTimerCount()).toBe(1);
    store.flush();
    expect(writtenCounts(file)).toEqual([{ question: 'q?', asked: 1 }]);
    expect(vi.getTimerCount()).toBe(0);
    store.close();
  });

  it('writes what is pending when closed, and refuses answers after that', async () => {
    const { file, store } = await onDisk();
    store.recordAnswer(answer('last words'));
    store.close();
    expect(writtenCounts(file)).toEqual([{ question: 'last words', asked: 1 }]);
    expect(vi.getTimerCount()).toBe(0);
    expect(() => store.recordAnswer(answer('too late'))).toThrow(/closed/);
    expect(() => store.close()).not.toThrow();
  });

  it('keeps the counts of a failed write, reports it, and writes them all on the next tick that succeeds', async () => {
    const file = await tempFile();
    SqliteFeedbackStore.open(file, migrations).close();
    const db = new Database(file);
    db.pragma('busy_timeout = 0'); // fail at once while another connection holds the write lock
    const errors: unknown[] = [];
    const store = new SqliteFeedbackStore(db, { onFlushError: (error) => errors.push(error) });
    const blocker = new Database(file);
    blocker.exec('BEGIN IMMEDIATE');

    const first = answer('q?');
    store.recordAnswer(first);
    vi.advanceTimersByTime(1000);
    expect(errors).toEqual([expect.objectContaining({ code: 'SQLITE_BUSY' })]);
    store.recordAnswer(answer('Q'));
    await expect(
      store.saveFeedback({ answerId: first.answerId, helpful: true, at: new Date().toISOString() }),
    ).rejects.toThrow(/locked/);

    blocker.exec('COMMIT');
    blocker.close();
    vi.advanceTimersByTime(1000);
    expect(writtenCounts(file)).toEqual([{ question: 'Q', asked: 2 }]);
    store.close();
  });
});

describe('SqliteFeedbackStore timer', () => {
  it('does not keep the process alive', async () => {
    const { store } = await onDisk({ flushIntervalMs: 60_000 });
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    store.recordAnswer(answer('q?'));
    expect(timeouts()).toBe(before);
    store.close();
  });
});
