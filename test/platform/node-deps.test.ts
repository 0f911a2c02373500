import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createNodeDeps } from '../../src/platform/node/deps.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The answer counts as another process reading the file sees them. */
function writtenCounts(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT question, asked FROM questions').all();
  db.close();
  return rows;
}

describe('createNodeDeps drain (what SIGTERM and SIGINT run)', () => {
  it('writes the answer counts still in memory, then closes the feedback store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-drain-'));
    dirs.push(dir);
    const file = join(dir, 'feedback.sqlite');
    const { deps, drain } = await createNodeDeps({ FEEDBACK_DB: file });
    const app = createApp(deps);
    const res = await app.request('http://localhost/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How do I use weakref?' }),
    });
    expect(res.status).toBe(200);
    expect(writtenCounts(file)).toEqual([]); // counted in memory, the timer has not fired

    await drain();
    expect(writtenCounts(file)).toEqual([{ question: 'How do I use weakref?', asked: 1 }]);
    expect(() =>
      deps.feedback?.recordAnswer({
        answerId: '',
        question: '',
        abstained: false,
        citations: [],
        topScore: null,
        createdAt: '',
      }),
    ).toThrow(/closed/);
  });
});

describe('createNodeDeps static files', () => {
  it("holds build/public's widget, not the Worker's copy of the index in build/public/_index", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-static-'));
    dirs.push(dir);
    const { deps, drain } = await createNodeDeps({ FEEDBACK_DB: join(dir, 'feedback.sqlite') });
    const get = (path: string) => deps.staticAssets?.fetch(new Request(`http://localhost${path}`), path);
    expect((await get('/widget.js'))?.status).toBe(200);
    expect(await get('/_index/manifest.json')).toBeUndefined();
    await drain();
  });
});
