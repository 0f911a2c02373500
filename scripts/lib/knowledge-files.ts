import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeFileEntry, KnowledgeFileKind } from '../../src/retrieval/index-artifacts.js';

export interface KnowledgeFile {
  readonly name: string;
  readonly content: string;
}

/** `<name>.search.json` beside a knowledge file: extra phrases each tip is searched by (and `primary`). */
export const SEARCH_PHRASES_SUFFIX = '.search.json';
/** `<name>.examples.json` beside a knowledge file: how `npm test` runs its examples (setup, fixtures, checks). */
export const EXAMPLES_SUFFIX = '.examples.json';

/** What kind of knowledge file a name is, or `null` for a file the build does not read. */
export function knowledgeFileKind(name: string): KnowledgeFileKind | null {
  if (name.endsWith(SEARCH_PHRASES_SUFFIX)) return 'search-phrases';
  if (name.endsWith(EXAMPLES_SUFFIX)) return 'examples';
  if (name.endsWith('.md')) return 'markdown';
  return null;
}

/** Every file of a kind directly in `dir`, in name order, so hashes and ids are stable. */
export async function readKnowledgeFiles(dir: string, kind: KnowledgeFileKind = 'markdown'): Promise<KnowledgeFile[]> {
  const names = (await readdir(dir)).filter((n) => knowledgeFileKind(n) === kind).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })));
}

export function hashKnowledge(files: readonly KnowledgeFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.content}\0`);
  return hash.digest('hex');
}

/** A file's listing in the manifest (and on `/healthz`): its kind, sha256 and size. */
export function knowledgeFileEntry(file: KnowledgeFile, kind: KnowledgeFileKind): KnowledgeFileEntry {
  const bytes = Buffer.from(file.content, 'utf8');
  return { name: file.name, kind, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
}
