import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { REAL_QUESTIONS_SET, REAL_TUNING_SET } from '../../scripts/lib/eval/real-questions.js';

/** How a judge rates a whole answer, in the records of judged answers (`test/eval/*-judged.json`, `answers-compared.json`). */
export const ANSWER_RATINGS = ['helpful', 'partly', 'not-helpful', 'misleading'] as const;

export const readJson = async (url: URL): Promise<unknown> => JSON.parse(await readFile(url, 'utf8')) as unknown;

/**
 * The threads the evaluation sets already use (their sources, without a trailing slash), and
 * those of `extra` records: a record of fresh questions must take none of them.
 */
export async function usedSources(extra: readonly URL[] = []): Promise<Set<string>> {
  const sourcesOf = async (url: URL, key: 'questions' | 'posts' | 'items') =>
    ((await readJson(url)) as Record<typeof key, { source?: string; url?: string }[]>)[key].map(
      (q) => q.source ?? q.url ?? '',
    );
  const evalDir = new URL('../eval/', import.meta.url);
  return new Set(
    [
      ...(await sourcesOf(REAL_QUESTIONS_SET, 'questions')),
      ...(await sourcesOf(REAL_TUNING_SET, 'questions')),
      ...(await sourcesOf(new URL('fenced-code-posts.json', evalDir), 'posts')),
      ...(await Promise.all(extra.map((url) => sourcesOf(url, 'items')))).flat(),
    ].map((u) => u.replace(/\/$/, '')),
  );
}

/** A fresh question as a record keeps it: its words as copied, where from. */
export const freshQuestionShape = {
  question: z.string().min(1),
  source: z.url(),
  corpus: z.enum(['pages', 'issues']),
};

/** What the service answered, as a record keeps it. */
export const answeredShape = {
  coverage: z.string(),
  abstainReason: z.string().nullable(),
  confidence: z.string(),
  cited: z.array(z.string()),
};
