import { z } from 'zod';
import type { Tip } from '../../src/knowledge/types.js';
import { readKnowledgeFiles, SEARCH_PHRASES_SUFFIX, type KnowledgeFile } from './knowledge-files.js';

const phrase = z.string().trim().min(1).max(200);
const searchPhrasesSchema = z.object({
  $comment: z.string().optional(),
  /** The markdown file beside it is a primary source (the user's guidance): its tips are listed and cited first. */
  primary: z.boolean().default(false),
  tips: z.record(z.string().min(1), z.array(phrase).max(50)),
  notCovered: z.array(phrase).max(500).default([]),
  /**
   * Example questions each unit answers, by tip id, written for the unit (never copied from an
   * evaluation set): they train the question classifier and are never searched or shown.
   */
  questions: z.record(z.string().min(1), z.array(z.string().trim().min(1).max(500)).max(200)).default({}),
});

export interface SearchPhrases {
  /** Extra phrases by tip id. */
  readonly tips: Record<string, string[]>;
  /** Questions the knowledge does not answer: the abstention side of retrieval. */
  readonly notCovered: string[];
  /** Example questions by tip id: what the question classifier is trained on. */
  readonly questions: Record<string, string[]>;
}

/** Every `*.search.json` directly in `dir`, in name order (they are part of the knowledge hash). */
export function readSearchPhraseFiles(dir: string): Promise<KnowledgeFile[]> {
  return readKnowledgeFiles(dir, 'search-phrases');
}

/** The markdown files whose `.search.json` says `"primary": true`. */
export function primaryFiles(files: readonly KnowledgeFile[]): Set<string> {
  const primary = new Set<string>();
  for (const file of files) {
    const parsed = searchPhrasesSchema.safeParse(parseJson(file));
    if (parsed.success && parsed.data.primary) primary.add(`${file.name.slice(0, -SEARCH_PHRASES_SUFFIX.length)}.md`);
  }
  return primary;
}

function parseJson(file: KnowledgeFile): unknown {
  try {
    return JSON.parse(file.content);
  } catch (err) {
    throw new Error(`${file.name} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Parses and merges phrase files. A phrase file naming a tip id that the knowledge does not have
 * is an error, so renaming a tip cannot silently drop its phrases.
 */
export function parseSearchPhrases(files: readonly KnowledgeFile[], tips: readonly Pick<Tip, 'id'>[]): SearchPhrases {
  const known = new Set(tips.map((t) => t.id));
  const phrases: Record<string, string[]> = {};
  const notCovered: string[] = [];
  const questions: Record<string, string[]> = {};
  for (const file of files) {
    const parsed = searchPhrasesSchema.safeParse(parseJson(file));
    if (!parsed.success) throw new Error(`${file.name}: ${z.prettifyError(parsed.error)}`);
    for (const [id, list] of Object.entries(parsed.data.tips)) {
      if (!known.has(id)) throw new Error(`${file.name} has phrases for unknown tip id "${id}".`);
      phrases[id] = [...(phrases[id] ?? []), ...list];
    }
    notCovered.push(...parsed.data.notCovered);
    for (const [id, list] of Object.entries(parsed.data.questions)) {
      if (!known.has(id)) throw new Error(`${file.name} has example questions for unknown tip id "${id}".`);
      questions[id] = [...(questions[id] ?? []), ...list];
    }
  }
  return { tips: phrases, notCovered, questions };
}
