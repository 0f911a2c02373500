import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newAnswerId } from '../../src/answer/answer-id.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import { readMigrations } from '../../src/platform/node/feedback-store.js';

const migrations = await readMigrations();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A database file as 0001 left it, with two answers and a verdict on one. */
async function databaseAt0001(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pymem-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'feedback.sqlite');
  const db = new Database(file);
  // What SqliteFeedbackStore.open (and wrangler) did with 0001 only.
  db.exec(`CREATE TABLE d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  db.exec(migrations[0]?.sql ?? '');
  db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(migrations[0]?.name);
  const insert = db.prepare(
    'INSERT INTO answers (answer_id, question, question_key, abstained, citations, top_score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run(
    '6f1c1a59-3c5e-4a4e-9f4a-1d2b3c4d5e6f',
    'How do I use weakref?',
    'how do i use weakref',
    0,
    '["a--b"]',
    0.7,
    '2026-01-01T00:00:00.000Z',
  );
  insert.run(
    '0b6e2f4a-8c1d-4e7f-a2b3-c4d5e6f7a8b9',
    'What is a monad?',
    'what is a monad',
    1,
    '[]',
    null,
    '2026-01-01T00:01:00.000Z',
  );
  db.prepare('INSERT INTO feedback (answer_id, helpful, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    '6f1c1a59-3c5e-4a4e-9f4a-1d2b3c4d5e6f',
    0,
    'no example',
    '2026-01-01T00:02:00.000Z',
    '2026-01-01T00:02:00.000Z',
  );
  db.close();
  return file;
}

describe('migration 0002_questions', () => {
  it('keeps the per-answer tables of 0001 as legacy tables, with their rows, and starts the new tables empty', async () => {
    const file = await databaseAt0001();
    const store = SqliteFeedbackStore.open(file, migrations);
    expect((await store.summary({ limit: 10 })).totals).toEqual({
      answers: 0,
      abstained: 0,
      feedback: 0,
      helpful: 0,
      unhelpful: 0,
    });
    store.close();

    const db = new Database(file, { readonly: true });
    const count = (table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;
    expect(db.prepare('SELECT name FROM d1_migrations ORDER BY id').all()).toEqual([
      { name: '0001_create_feedback.sql' },
      { name: '0002_questions.sql' },
      { name: '0003_retention.sql' },
    ]);
    expect([count('legacy_answers'), count('legacy_feedback'), count('questions'), count('feedback')]).toEqual([
      2, 1, 0, 0,
    ]);
    expect(
      db.prepare('SELECT a.question, f.comment FROM legacy_feedback f JOIN legacy_answers a USING (answer_id)').all(),
    ).toEqual([{ question: 'How do I use weakref?', comment: 'no example' }]);
    // The legacy verdicts still reference the renamed answers table; the old indexes are gone.
    expect(
      db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'legacy_feedback'").get()?.sql,
    ).toContain('REFERENCES "legacy_answers"');
    const indexes = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    expect(indexes.map((i) => i.name)).toEqual([
      'feedback_by_question',
      'feedback_by_updated_at',
      'questions_abstained',
      'questions_by_last_at',
    ]);
    db.close();
  });

  it('leaves a working store: answers counted, feedback saved, old v4 ids refused', async () => {
    const file = await databaseAt0001();
    const store = SqliteFeedbackStore.open(file, migrations);
    const answerId = newAnswerId('How do I use weakref?');
    store.recordAnswer({
      answerId,
      question: 'How do I use weakref?',
      abstained: false,
      citations: ['a--b'],
      topScore: 0.7,
      createdAt: new Date().toISOString(),
    });
    expect(
      await store.saveFeedback({ answerId, helpful: false, comment: 'still no example', at: new Date().toISOString() }),
    ).toBe('saved');
    const legacyId = '6f1c1a59-3c5e-4a4e-9f4a-1d2b3c4d5e6f';
    expect(await store.saveFeedback({ answerId: legacyId, helpful: true, at: new Date().toISOString() })).toBe(
      'unknown-answer',
    );
    const summary = await store.summary({ limit: 10 });
    expect(summary.totals).toEqual({ answers: 1, abstained: 0, feedback: 1, helpful: 0, unhelpful: 1 });
    expect(summary.leastHelpful[0]).toMatchObject({
      question: 'How do I use weakref?',
      comments: ['still no example'],
    });
    store.close();
  });
});
