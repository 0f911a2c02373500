import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isRoot, mountTmpfs, parseLine, postJson, report, startServer, type Server } from './support.js';

// Issue #19, "acknowledged feedback silently lost": with the disk full, POST /v1/feedback answered
// 200 five times out of five and stored nothing; a read-only or full disk was not caught at
// start-up; 5,000 verdicts made a 73 MB write-ahead log.

const servers: Server[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});
async function server(env: Record<string, string>, options: Parameters<typeof startServer>[1] = {}) {
  const started = await startServer(env, options);
  servers.push(started);
  return started;
}
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-reliability-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const NEEDS_ROOT = 'needs root to mount a small tmpfs (CI runs as root)';
if (!isRoot) process.stdout.write(`[reliability] disk-full and read-only mount tests skipped: ${NEEDS_ROOT}\n`);

/** Asks `n` distinct questions; their answer ids. */
async function answerIds(url: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      String((await postJson(`${url}/v1/ask`, { question: `how do I find a memory leak, take ${i}?` })).body.answerId),
    );
  return ids;
}

/** A fresh id for the same question as `answerId` (ids carry the question's hash; the rest is random). */
function sameQuestion(answerId: string, n: number): string {
  const tail = n.toString(16).padStart(15, '0');
  return `${answerId.slice(0, 19)}${'89ab'[n % 4]}${tail.slice(0, 3)}-${tail.slice(3)}`;
}

/** The verdicts stored in `file`, by lowercase answer id. */
function storedVerdicts(file: string): Set<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(
      db
        .prepare<[], { answer_id: string }>('SELECT answer_id FROM feedback')
        .all()
        .map((r) => r.answer_id),
    );
  } finally {
    db.close();
  }
}

/** Fills the file system under `dir` until it is full; the filler's path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full; then the last few bytes
    try {
      for (;;) writeSync(fd, Buffer.alloc(512, 1));
    } catch {
      // full to the byte
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('a verdict is acknowledged only once stored', () => {
  it.skipIf(!isRoot)(
    'on a full disk: 503 with Retry-After, logged with the request id, /healthz degraded, every 200 stored; the server then refuses to start',
    async () => {
      const disk = mountTmpfs(8 * 1024);
      cleanups.push(() => disk.unmount());
      const file = join(disk.dir, 'feedback.sqlite');
      const running = await server({ FEEDBACK_DB: file, FEEDBACK_MIN_FREE_MB: '1' });
      const [answerId] = await answerIds(running.url, 1);
      expect((await postJson(`${running.url}/v1/feedback`, { answerId, helpful: true })).status).toBe(200);
      const filler = fillDisk(disk.dir);

      const acknowledged: string[] = [];
      const statuses: number[] = [];
      for (let i = 1; i <= 400 && !statuses.includes(503); i++) {
        const id = sameQuestion(String(answerId), i);
        const res = await postJson(
          `${running.url}/v1/feedback`,
          { answerId: id, helpful: false, comment: 'x'.repeat(900) },
          { 'x-request-id': `disk-full-${i}` },
        );
        statuses.push(res.status);
        if (res.status === 200) acknowledged.push(id);
        else {
          expect(res.status).toBe(503);
          expect(res.headers.get('retry-after')).toBe('5');
          expect(res.body).toMatchObject({ type: 'urn:pymem:problem:storage-unavailable' });
        }
      }
      expect(statuses).toContain(503);
      const health = (await (await fetch(`${running.url}/healthz`)).json()) as {
        status: string;
        storage: { status: string };
      };
      expect(health.status).toBe('degraded');
      await new Promise((r) => setTimeout(r, 400)); // the request log is flushed every 250 ms
      const failure = running.logs.map(parseLine).find((l) => l?.event === 'feedback_write_failed');
      expect(failure).toMatchObject({
        requestId: expect.stringMatching(/^disk-full-/),
        error: expect.stringMatching(/full/i),
      });

      await running.stop('SIGKILL');
      rmSync(filler);
      const stored = storedVerdicts(file);
      const lost = acknowledged.filter((id) => !stored.has(id.toLowerCase()));
      report('disk full', {
        acknowledged: acknowledged.length,
        refused: statuses.filter((s) => s === 503).length,
        lostOfAcknowledged: lost.length,
        healthz: health.storage.status,
      });
      expect(lost).toEqual([]);

      // Full again: the server does not start, and says why.
      const filledAgain = fillDisk(disk.dir);
      const refused = await server({ FEEDBACK_DB: file, FEEDBACK_MIN_FREE_MB: '1' }, { expectFailure: true });
      expect(await refused.exited).toBe(1);
      expect(refused.logs.join('\n')).toMatch(
        /did not start: FEEDBACK_DB=.*feedback\.sqlite: too little free space: .*FEEDBACK_MIN_FREE_MB/,
      );
      rmSync(filledAgain);
    },
  );

  it('on a read-only database: the server refuses to start, naming FEEDBACK_DB, instead of reporting healthy and failing every write', async () => {
    let dir: string;
    let makeReadOnly: () => void;
    let makeWritable: () => void;
    if (isRoot) {
      // Root writes through file modes, so the file system itself is made read-only.
      const disk = mountTmpfs(8 * 1024);
      cleanups.push(() => disk.unmount());
      dir = disk.dir;
      makeReadOnly = () => disk.remount('ro');
      makeWritable = () => disk.remount('rw');
    } else {
      dir = tempDir();
      makeReadOnly = () => {
        chmodSync(join(dir, 'feedback.sqlite'), 0o444);
        chmodSync(dir, 0o555);
      };
      makeWritable = () => {
        chmodSync(dir, 0o755);
        chmodSync(join(dir, 'feedback.sqlite'), 0o644);
      };
    }
    const file = join(dir, 'feedback.sqlite');
    const running = await server({ FEEDBACK_DB: file, FEEDBACK_MIN_FREE_MB: '1' });
    const [answerId] = await answerIds(running.url, 1);
    expect((await postJson(`${running.url}/v1/feedback`, { answerId, helpful: true })).status).toBe(200);
    expect(await running.stop('SIGTERM')).toBe(0);
    makeReadOnly();

    const refused = await server({ FEEDBACK_DB: file, FEEDBACK_MIN_FREE_MB: '1' }, { expectFailure: true });
    const code = await refused.exited;
    const output = refused.logs.join('\n');
    report('read-only database at start-up', {
      exit: code,
      how: isRoot ? 'tmpfs remounted read-only' : 'file 444, folder 555',
      message: output.slice(0, 160),
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /did not start: FEEDBACK_DB=.*feedback\.sqlite: (its folder|the file) is read-only: .*(EROFS|EACCES)/,
    );
    expect(output).not.toMatch(/\n\s+at /); // one line, no stack
    // What was stored before is still there.
    makeWritable();
    expect(storedVerdicts(file).size).toBe(1);
  });
});

describe('kill -9 under load', () => {
  it('loses no acknowledged verdict', async () => {
    const file = join(tempDir(), 'feedback.sqlite');
    const running = await server({ FEEDBACK_DB: file });
    const ids = await answerIds(running.url, 8);
    const acknowledged: string[] = [];
    let stop = false;
    let sent = 0;
    const clients = ids.map(async (answerId, client) => {
      for (let i = 0; !stop; i++) {
        const id = sameQuestion(answerId, client * 1_000_000 + i);
        sent++;
        try {
          const res = await postJson(`${running.url}/v1/feedback`, {
            answerId: id,
            helpful: i % 2 === 0,
            comment: `verdict ${i}`,
          });
          if (res.status === 200) acknowledged.push(id);
          // The asking goes on meanwhile: answer counts are being written too.
          if (i % 10 === 0)
            await postJson(`${running.url}/v1/ask`, { question: `how do I find a memory leak, take ${client}?` });
        } catch {
          // the connection died with the server
        }
      }
    });
    await new Promise((r) => setTimeout(r, 5_000));
    running.process.kill('SIGKILL');
    await running.exited;
    stop = true;
    await Promise.all(clients);
    const stored = storedVerdicts(file);
    const lost = acknowledged.filter((id) => !stored.has(id.toLowerCase()));
    report('kill -9 under load', {
      sent,
      acknowledged: acknowledged.length,
      stored: stored.size,
      lostOfAcknowledged: lost.length,
    });
    expect(acknowledged.length).toBeGreaterThan(100);
    expect(lost).toEqual([]);
  });
});

describe('the write-ahead log', () => {
  it('stays under 16 MB after 10,000 verdicts', async () => {
    const file = join(tempDir(), 'feedback.sqlite');
    const running = await server({ FEEDBACK_DB: file });
    const ids = await answerIds(running.url, 20);
    let next = 0;
    const statuses: Record<number, number> = {};
    await Promise.all(
      ids.map(async (answerId, client) => {
        while (next < 10_000) {
          const n = next++;
          const res = await postJson(`${running.url}/v1/feedback`, {
            answerId: sameQuestion(answerId, client * 100_000 + n),
            helpful: n % 2 === 0,
            comment: 'c'.repeat(200),
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
    const dbBytes = statSync(file).size;
    report('WAL after 10,000 verdicts', {
      statuses,
      walMB: +(walBytes / 1e6).toFixed(2),
      dbMB: +(dbBytes / 1e6).toFixed(2),
    });
    expect(statuses[200]).toBe(10_000);
    expect(walBytes).toBeLessThan(16 * 1024 * 1024);
  });
});
