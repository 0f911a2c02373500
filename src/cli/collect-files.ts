import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Paths a directory search leaves out unless told otherwise, as linters do: tests, examples, docs,
 * build scripts and the usual virtualenv/cache/build folders. Their code is rarely where memory
 * matters (a test reads a small fixture whole; an example accumulates a demo list), and their
 * findings drown the ones in the code that ships. `--exclude` replaces this list,
 * `--extend-exclude` adds to it; a file named on the command line is always analyzed.
 */
export const DEFAULT_EXCLUDES: readonly string[] = [
  // Hidden folders (`.git`, `.venv`, `.tox`) are always skipped.
  'node_modules',
  '__pycache__',
  'venv',
  'site-packages',
  '__pypackages__',
  'build',
  'dist',
  '_build',
  'tests',
  'test',
  'testing',
  'examples',
  'example',
  'docs',
  'doc',
  'benchmarks',
  'setup.py',
  'conftest.py',
  'test_*.py',
  '*_test.py',
];

/**
 * One exclusion pattern, matched like Ruff's: a pattern without `/` matches any file or folder of
 * that name (`tests`, `test_*.py`); one with `/` matches the path under the searched directory
 * (`pkg/vendor/**`). `*` and `?` stay within a name, `**` crosses folders.
 */
export class ExcludePattern {
  private readonly regex: RegExp;
  private readonly byName: boolean;

  constructor(readonly pattern: string) {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    this.byName = !trimmed.includes('/');
    this.regex = globToRegExp(trimmed);
  }

  /** `name` is the file or folder name; `path` its path under the searched directory, with `/`. */
  matches(name: string, path: string): boolean {
    return this.regex.test(this.byName ? name : path);
  }
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === '*' && glob.charAt(i + 1) === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (glob.charAt(i + 2) === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** What a directory search skips: the default list or a replacement, plus any extension. */
export interface CollectOptions {
  /** Replaces {@link DEFAULT_EXCLUDES}. */
  readonly exclude?: readonly string[];
  /** Added to the (default or replaced) list. */
  readonly extendExclude?: readonly string[];
}

/** The files a search found, and how many it left out by an exclusion pattern. */
export interface CollectedFiles {
  readonly files: string[];
  readonly excluded: number;
}

/**
 * Expands the paths given on the command line: files as they are, directories into the `.py`
 * files under them (sorted; hidden folders and excluded paths skipped). `-` stands for stdin.
 *
 * @example (await collectFiles(['src', 'setup.py'])).files // ['src/a.py', 'src/pkg/b.py', 'setup.py']
 */
export async function collectFiles(paths: readonly string[], options: CollectOptions = {}): Promise<CollectedFiles> {
  const patterns = [...(options.exclude ?? DEFAULT_EXCLUDES), ...(options.extendExclude ?? [])]
    .filter((p) => p.trim().length > 0)
    .map((p) => new ExcludePattern(p.trim()));
  const files: string[] = [];
  const counter = { excluded: 0 };
  for (const path of paths) {
    if (path === '-') files.push(path);
    else if ((await stat(path)).isDirectory()) files.push(...(await pythonFilesUnder(path, path, patterns, counter)));
    else files.push(path);
  }
  return { files, excluded: counter.excluded };
}

async function pythonFilesUnder(
  root: string,
  directory: string,
  patterns: readonly ExcludePattern[],
  counter: { excluded: number },
): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const isDirectory = entry.isDirectory();
    const isPython = entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.pyi'));
    if ((!isDirectory && !isPython) || (isDirectory && entry.name.startsWith('.'))) continue;
    const under = relative(root, path).split(sep).join('/');
    if (patterns.some((p) => p.matches(entry.name, under))) {
      counter.excluded++;
      continue;
    }
    if (isDirectory) files.push(...(await pythonFilesUnder(root, path, patterns, counter)));
    else files.push(path);
  }
  return files;
}
