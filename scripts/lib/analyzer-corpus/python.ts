import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian's interpreter (the `python3` first on PATH may be another build): the corpus packages,
 * the standard library the grammar test parses and the fixes the tests execute all belong to it.
 * `PYMEM_PYTHON` points elsewhere.
 */
export const PYTHON = process.env.PYMEM_PYTHON ?? '/usr/bin/python3';

/**
 * Set by `.ci/run`: the tests that need the Debian packages of the real-code corpus, or
 * `/usr/bin/python3`, fail instead of skipping when those are missing.
 */
export const REQUIRE_CORPUS = process.env.PYMEM_REQUIRE_CORPUS === '1';

/** Why Python cannot be used here, or `undefined` when it can. */
export function pythonProblem(): string | undefined {
  if (!existsSync(PYTHON)) return `no Python at ${PYTHON} (apt-get install -y python3, or set PYMEM_PYTHON)`;
  return undefined;
}

/** Runs a Python program with the pinned interpreter and returns its stdout. */
export function runPython(program: string, args: readonly string[] = [], input?: string): string {
  return execFileSync(PYTHON, ['-c', program, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(input !== undefined && { input }),
  });
}

const COMPILING_STDLIB_FILES = `
import os, sys, sysconfig, warnings
warnings.simplefilter('ignore')
root = sysconfig.get_paths()['stdlib']
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ('site-packages', 'dist-packages', '__pycache__'))
    for f in sorted(files):
        if not f.endswith('.py'):
            continue
        p = os.path.join(d, f)
        try:
            with open(p, 'rb') as fh:
                compile(fh.read(), p, 'exec', dont_inherit=True)
        except Exception:
            print('x', p)
        else:
            print('ok', p)
`;

/** The standard library's `.py` files, split into those CPython compiles and those it refuses. */
export function standardLibraryFiles(): { compiles: string[]; refused: string[] } {
  const compiles: string[] = [];
  const refused: string[] = [];
  for (const line of runPython(COMPILING_STDLIB_FILES).split('\n')) {
    if (line.startsWith('ok ')) compiles.push(line.slice(3));
    else if (line.startsWith('x ')) refused.push(line.slice(2));
  }
  return { compiles, refused };
}

/** Whether CPython compiles `code` (used to check that fixes leave valid Python). */
export function compileErrors(sources: readonly { name: string; code: string }[]): Map<string, string> {
  const program = `
import json, sys
errors = {}
for item in json.load(sys.stdin):
    try:
        compile(item['code'], item['name'], 'exec', dont_inherit=True)
    except SyntaxError as e:
        errors[item['name']] = f'{e.msg} (line {e.lineno})'
print(json.dumps(errors))
`;
  const out = runPython(program, [], JSON.stringify(sources));
  return new Map(Object.entries(JSON.parse(out) as Record<string, string>));
}
