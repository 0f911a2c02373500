import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.js';
import type { AnswerRecord } from '../../src/feedback/types.js';
import { readMigrations } from '../../src/platform/node-feedback.js';

const migrations = await readMigrations();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function onDisk() {
  const dir = await mkdtemp(join(tmpdir(), 'pymem-batch-'));
  dirs.push(dir);
  const file = join(dir, 'feedback.sqlite');
  return { file, store: SqliteFeedbackStore.open(file, migrations) };
}

const answer = (question: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord => ({
  answerId: crypto.randomUUID(),
  question,
  abstained: false,
  citations: ['avoid-memory-leaks--weak-references'],
  topScore: 0.5,
  createdAt: new Date().toISOString(),
  ...overrides,
});

const countAnswers = (file: string) => {
  const db = new Database(file, { readonly: true });
  const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM answers').get() ?? { n: -1 };
  db.close();
  return n;
};

describe('SqliteFeedbackStore answer batching', () => {
  it('commits the answers recorded in one turn together, each promise resolving once its row is on disk', async () => {
    const { file, store } = await onDisk();
    const pending = Array.from({ length: 50 }, (_, i) => store.recordAnswer(answer(`question ${i}`)));
    expect(countAnswers(file)).toBe(0); // nothing written synchronously
    await Promise.all(pending);
    expect(countAnswers(file)).toBe(50); // visible to another connection
    store.close();
  });

  it('finds feedback on an answer as soon as recordAnswer resolved', async () => {
    const { store } = await onDisk();
    const a = answer('q?');
    await store.recordAnswer(a);
    expect(await store.saveFeedback({ answerId: a.answerId, helpful: true, at: new Date().toISOString() })).toBe('saved');
    store.close();
  });

  it('refuses only the bad row of a batch, and keeps the others', async () => {
    const { file, store } = await onDisk();
    const duplicate = answer('twice');
    await store.recordAnswer(duplicate);
    const results = await Promise.allSettled([
      store.recordAnswer(answer('first')),
      store.recordAnswer(duplicate), // primary key taken
      store.recordAnswer(answer('third')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(countAnswers(file)).toBe(3);
    store.close();
  });

  it('writes what is pending when closed', async () => {
    const { file, store } = await onDisk();
    const pending = store.recordAnswer(answer('last words'));
    store.close();
    await pending;
    expect(countAnswers(file)).toBe(1);
  });
});
