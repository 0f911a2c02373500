import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVAL_SET, loadEvalSet } from '../../scripts/lib/eval/eval-set.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const tipIds = new Set(index.knowledge.tips.map((t) => t.id));
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

describe('the eval set', () => {
  it('has at least 120 in-scope questions over all 16 guidance tips, of every kind, and 30 out-of-scope ones', async () => {
    const set = await loadEvalSet(DEFAULT_EVAL_SET, tipIds);
    expect(set.inScope.length).toBeGreaterThanOrEqual(120);
    // Each question's best answer is a guidance tip; companion units that also answer it follow it in `expected`.
    const guidanceIds = new Set(index.knowledge.tips.filter((t) => t.primary).map((t) => t.id));
    expect(guidanceIds.size).toBe(16);
    expect(new Set(set.inScope.map((q) => q.expected[0]))).toEqual(guidanceIds);
    expect(new Set(set.inScope.map((q) => q.kind))).toEqual(
      new Set(['plain', 'paraphrase', 'typo', 'slang', 'code', 'follow-up']),
    );
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(30);
    expect(new Set(set.outOfScope.map((q) => q.kind))).toEqual(
      new Set(['off-topic', 'python', 'injection', 'follow-up']),
    );
    const questions = [...set.inScope, ...set.outOfScope].map((q) => JSON.stringify([q.history, q.question]));
    expect(new Set(questions).size).toBe(questions.length);
  });

  it('asks follow-ups, and only follow-ups, after earlier turns', async () => {
    const set = await loadEvalSet(DEFAULT_EVAL_SET, tipIds);
    const all = [...set.inScope, ...set.outOfScope];
    expect(all.filter((q) => q.kind === 'follow-up').length).toBeGreaterThanOrEqual(30);
    for (const q of all) expect(q.kind === 'follow-up', q.question).toBe((q.history?.length ?? 0) > 0);
  });

  it('is refused when it names a tip that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-eval-'));
    temps.push(dir);
    const file = join(dir, 'set.json');
    await writeFile(
      file,
      JSON.stringify({
        inScope: [{ question: 'q', kind: 'plain', expected: ['no-such-tip'] }],
        outOfScope: [{ question: 'x', kind: 'off-topic' }],
      }),
    );
    await expect(loadEvalSet(file, tipIds)).rejects.toThrow(/unknown tip ids: no-such-tip/);
    await writeFile(file, JSON.stringify({ inScope: [] }));
    await expect(loadEvalSet(file, tipIds)).rejects.toThrow(/Invalid eval set/);
  });
});
