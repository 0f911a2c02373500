import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KnowledgeFile {
  readonly name: string;
  readonly content: string;
}

/** Every `.md` file directly in `dir`, in name order, so hashes and ids are stable. */
export async function readKnowledgeFiles(dir: string): Promise<KnowledgeFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })));
}

export function hashKnowledge(files: readonly KnowledgeFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.content}\0`);
  return hash.digest('hex');
}
