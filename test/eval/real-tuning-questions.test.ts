import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadRealQuestions,
  questionId,
  REAL_QUESTIONS_SET,
  REAL_TUNING_SET,
} from '../../scripts/lib/eval/real-questions.js';
import { ANSWERABLE } from '../../scripts/lib/eval/real-eval.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const ids = new Set(index.knowledge.tips.map((t) => t.id));
const tips = new Map(index.knowledge.tips.map((t) => [t.id, t]));
const set = await loadRealQuestions(REAL_TUNING_SET, ids);
const heldBack = await loadRealQuestions(REAL_QUESTIONS_SET, ids);

/** One thread, however it is linked: a Stack Exchange question id, a GitHub issue, or the address. */
function thread(url: string): string {
  const u = url.trim().toLowerCase();
  const so = /(?:stackoverflow|stackexchange|superuser|serverfault|askubuntu)\.com\/(?:questions|q)\/(\d+)/.exec(u);
  if (so) return `so:${so[1]}`;
  const gh = /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull|discussions)\/(\d+)/.exec(u);
  if (gh) return `gh:${gh[1]}#${gh[2]}`;
  return u
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/$/, '');
}

/** Words that say nothing of what a question is about, here: function words and the language's name. */
const FUNCTION_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'when',
  'what',
  'how',
  'why',
  'does',
  'this',
  'that',
  'from',
  'are',
  'was',
  'not',
  'but',
  'can',
  'python',
]);
const contentWords = (all: ReadonlySet<string>) =>
  new Set([...all].filter((w) => w.length >= 3 && !FUNCTION_WORDS.has(w)));

/**
 * A question's words: those of languages written in words (Latin, Cyrillic, Hangul…), and each pair
 * of Han characters or kana in a row (Chinese and Japanese have no spaces). Latin letters alone
 * read a question in Russian as its two words in Latin ("2GB", "RAM"), found inside another one.
 */
const words = (text: string) => {
  const lower = text.toLowerCase();
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const pairs = [...lower.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,}/gu)].flatMap(([run]) =>
    Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)),
  );
  const spaced = (lower.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []).filter((w) => !unspaced.test(w));
  return new Set([...spaced, ...pairs]);
};

describe('test/eval/real-tuning-questions.json (real questions for tuning only)', () => {
  it('holds at least 300 in-scope and companion questions and 100 negatives of the three kinds, each with the public thread it was copied from, all in the tuning half', () => {
    expect(set.tuningOnly).toBe(true);
    const of = (category: string) => set.questions.filter((q) => q.category === category).length;
    expect(of('in-scope') + of('companion')).toBeGreaterThanOrEqual(300);
    expect(of('other-runtime') + of('not-memory') + of('related')).toBeGreaterThanOrEqual(100);
    for (const category of ['other-runtime', 'not-memory', 'related'])
      expect(of(category), category).toBeGreaterThanOrEqual(20);
    for (const q of set.questions) {
      expect(q.half, q.id).toBe('tuning');
      expect(q.id, q.id).toBe(questionId(q.source));
      expect(q.source, q.id).toMatch(/^https?:\/\/[a-z0-9.-]+\.[a-z]+\//);
    }
    expect(set.split).toMatchObject({ tuning: set.questions.length, holdout: 0 });
  });

  it('labels an in-scope question with a guidance tip first, a companion question with a companion unit first', () => {
    for (const q of set.questions.filter((x) => ANSWERABLE.includes(x.category))) {
      const first = tips.get(q.expected?.[0] ?? '');
      expect(first?.primary ?? false, q.id).toBe(q.category === 'in-scope');
    }
  });

  it('shares no thread and no question with real-questions.json, so its holdout stays unread', () => {
    const threads = new Set(heldBack.questions.map((q) => thread(q.source)));
    const held = heldBack.questions.map((q) => words(q.question));
    // Collected, then asserted once: an `expect` per pair (800,000 pairs) took 22 s of the 30 s allowed.
    const problems: string[] = [];
    for (const q of set.questions) {
      if (threads.has(thread(q.source))) problems.push(`${q.id}: the thread ${q.source} is in real-questions.json`);
      const own = [...words(q.question)];
      const ownContent = [...contentWords(new Set(own))];
      held.forEach((other, i) => {
        const shared = own.filter((w) => other.has(w)).length;
        // Jaccard under 0.5, and not inside one question (a copy of its title elsewhere): 70% of its
        // words and 90% of its content words in it. Function words are in every long report: "When is
        // a local namespace to be destructed in Python" shares "when is a to be in python" with one
        // about something else, "set() uses 2x the memory as on CPython" all but "cpython".
        if (shared / (own.length + other.size - shared) >= 0.5)
          problems.push(`${q.id}: shares half its words with ${heldBack.questions[i]?.id ?? ''}`);
        const sharedContent = ownContent.filter((w) => other.has(w)).length;
        if (shared / own.length >= 0.7 && (ownContent.length === 0 || sharedContent / ownContent.length >= 0.9))
          problems.push(`${q.id}: inside ${heldBack.questions[i]?.id ?? ''}`);
      });
    }
    expect(problems).toEqual([]);
  }, 30_000);

  it('the loader rejects a question outside the tuning half of a tuning-only set', async () => {
    const raw = JSON.parse(await readFile(REAL_TUNING_SET, 'utf8')) as { questions: { half: string }[] };
    (raw.questions[0] as { half: string }).half = 'holdout';
    const file = join(await mkdtemp(join(tmpdir(), 'real-tuning-')), 'set.json');
    await writeFile(file, JSON.stringify(raw));
    await expect(loadRealQuestions(file, ids)).rejects.toThrow(/tuning-only/);
  });
});
