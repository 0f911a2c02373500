import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Tip } from '../../src/knowledge/types.js';
import type { KnowledgeFile } from './knowledge-files.js';

/** `<guidance>.search.json` beside a knowledge file: extra phrases each tip is searched by. */
export const SEARCH_PHRASES_SUFFIX = '.search.json';

const phrase = z.string().trim().min(1).max(200);
const searchPhrasesSchema = z.object({
  $comment: z.string().optional(),
  tips: z.record(z.string().min(1), z.array(phrase).max(50)),
  notCovered: z.array(phrase).max(500).default([]),
});

export interface SearchPhrases {
  /** Extra phrases by tip id. */
  readonly tips: Record<string, string[]>;
  /** Questions the knowledge does not answer: the abstention side of retrieval. */
  readonly notCovered: string[];
}

/** Every `*.search.json` directly in `dir`, in name order (they are part of the knowledge hash). */
export async function readSearchPhraseFiles(dir: string): Promise<KnowledgeFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(SEARCH_PHRASES_SUFFIX)).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })));
}

/**
 * Parses and merges phrase files. A phrase file naming a tip id that the knowledge does not have
 * is an error, so renaming a tip cannot silently drop its phrases.
 */
export function parseSearchPhrases(files: readonly KnowledgeFile[], tips: readonly Tip[]): SearchPhrases {
  const known = new Set(tips.map((t) => t.id));
  const phrases: Record<string, string[]> = {};
  const notCovered: string[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(file.content);
    } catch (err) {
      throw new Error(`${file.name} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = searchPhrasesSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file.name}: ${z.prettifyError(parsed.error)}`);
    for (const [id, list] of Object.entries(parsed.data.tips)) {
      if (!known.has(id)) throw new Error(`${file.name} has phrases for unknown tip id "${id}".`);
      phrases[id] = [...(phrases[id] ?? []), ...list];
    }
    notCovered.push(...parsed.data.notCovered);
  }
  return { tips: phrases, notCovered };
}
