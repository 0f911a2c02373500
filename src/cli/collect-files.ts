import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', 'venv', 'site-packages']);

/**
 * Expands the paths given on the command line: files as they are, directories into the `.py`
 * files under them (sorted; hidden folders, virtualenvs and caches skipped). `-` stands for stdin.
 *
 * @example await collectFiles(['src', 'setup.py']) // ['setup.py', 'src/a.py', 'src/pkg/b.py']
 */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') files.push(path);
    else if ((await stat(path)).isDirectory()) files.push(...(await pythonFilesUnder(path)));
    else files.push(path);
  }
  return files;
}

async function pythonFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await pythonFilesUnder(path)));
    } else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.pyi'))) {
      files.push(path);
    }
  }
  return files;
}
