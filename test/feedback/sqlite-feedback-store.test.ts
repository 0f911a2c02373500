import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { openFeedbackStore, readMigrations } from '../../src/platform/node/feedback-store.js';
import { describeFeedbackStore } from './store-contract.js';

const migrations = await readMigrations();
describeFeedbackStore('SQLite, better-sqlite3', async () => SqliteFeedbackStore.open(':memory:', migrations));

describe('SqliteFeedbackStore on disk', () => {
  const dirs: string[] = [];
  const tempFile = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-feedback-'));
    dirs.push(dir);
    return join(dir, 'nested', 'feedback.sqlite');
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('creates the file and its folder, and keeps counts and feedback across restarts', async () => {
    const file = await tempFile();
    const first = await openFeedbackStore(file);
    const answer = (question: string) => {
      const answerId = newAnswerId(question);
      first?.recordAnswer({
        answerId,
        question,
        abstained: false,
        citations: [],
        topScore: 0.5,
        createdAt: new Date().toISOString(),
      });
      return answerId;
    };
    const answerId = answer('q?');
    expect(await first?.saveFeedback({ answerId, helpful: true, at: new Date().toISOString() })).toBe('saved');
    answer('q?'); // only in memory until close
    first?.close();

    const reopened = await openFeedbackStore(file);
    expect((await reopened!.summary({ limit: 5 })).totals).toMatchObject({ answers: 2, feedback: 1, helpful: 1 });
    reopened?.close();
  });

  it('applies each migration once, recording it in d1_migrations as wrangler does', async () => {
    const file = await tempFile();
    (await openFeedbackStore(file))?.close();
    (await openFeedbackStore(file))?.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT name FROM d1_migrations').all()).toEqual([
      { name: '0001_create_feedback.sql' },
      { name: '0002_questions.sql' },
      { name: '0003_retention.sql' },
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps nothing with FEEDBACK_DB=off', async () => {
    expect(await openFeedbackStore('off')).toBeUndefined();
  });

  it('reads the migrations in order from src/feedback/migrations', () => {
    expect(migrations.map((m) => m.name)).toEqual([
      '0001_create_feedback.sql',
      '0002_questions.sql',
      '0003_retention.sql',
    ]);
    expect(migrations[0]?.sql).toContain('CREATE TABLE answers');
    expect(migrations[1]?.sql).toContain('CREATE TABLE questions');
  });
});
