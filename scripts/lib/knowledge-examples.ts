import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { chunkMarkdown } from '../../src/knowledge/chunk.js';
import type { TipSource } from '../../src/knowledge/types.js';
import { readKnowledgeFiles, type KnowledgeFile } from './knowledge-files.js';
import { ROOT_DIR } from './paths.js';

/**
 * Every python example of `knowledge/` is run, and what it prints is checked against what its
 * file states (docs/knowledge-format.md, "Executed examples"):
 *
 * - the example runs as a script of its own (`python3 example.py`) in a fresh temporary folder,
 *   with a timeout; it passes when it exits 0, so its `assert`s hold;
 * - an ```` ```output ```` block right after the code (or `output` in the sidecar) is compared
 *   with its stdout, line by line, trailing spaces ignored, `...` standing for any text (doctest's
 *   ELLIPSIS): where a number depends on the Python version the example asserts a relation and
 *   prints that instead;
 * - a file that cannot be edited (the user's guidance) gets a sidecar `<name>.examples.json`:
 *   python run before the example (`setup`, e.g. a `process()` it calls), files it reads
 *   (`files`), python run after it in the same namespace (`check`), the `output`, the timeout.
 *
 * An interactive session (```` ```pycon ````, or a python block whose first line is a `>>>`
 * prompt, as wiki pages and documentation write them) is run with Python's own `doctest`: each
 * `>>>` statement in turn, its printed result compared with the lines written after it (`...`
 * standing for any text, doctest's ELLIPSIS); the sidecar's setup runs before it and its check
 * after it, in the same namespace. Its outputs are written inline, so it takes no `output` block.
 *
 * An example importing a package of `.ci/python-packages.txt` (numpy, pandas, memory_profiler,
 * django, sqlalchemy, requests, matplotlib, IPython) that the interpreter lacks is skipped with that reason, unless
 * `PYMEM_REQUIRE_PYTHON_PACKAGES=1` (CI), where a skip is a failure.
 */

const PYTHON_LANGUAGES = new Set(['python', 'py', 'python3']);
/** Fence languages of an interactive session, run with `doctest` (see {@link isTranscript}). */
const TRANSCRIPT_LANGUAGES = new Set(['pycon', 'python-repl', 'doctest']);

/**
 * Whether an example is an interactive session: fenced as one (```pycon), or python whose first
 * line is a `>>>` prompt, which would not run as a script.
 *
 * @example isTranscript('python', '>>> 1 + 1\n2') // true
 */
export function isTranscript(language: string, code: string): boolean {
  const lang = language.toLowerCase();
  return TRANSCRIPT_LANGUAGES.has(lang) || (PYTHON_LANGUAGES.has(lang) && /^\s*>>>/.test(code));
}
const DEFAULT_TIMEOUT_SECONDS = 30;
/** Enough for the guidance's 1,000,000-line generator example (6.9 MB). */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** The Debian packages the examples may import, pinned (`.ci/run` installs them). */
export const PYTHON_PACKAGES_FILE = join(ROOT_DIR, '.ci', 'python-packages.txt');

const sidecarEntrySchema = z
  .object({
    $comment: z.string().optional(),
    setup: z.string().default(''),
    check: z.string().default(''),
    files: z.record(z.string().regex(/^[\w.-]+$/), z.string()).default({}),
    output: z.string().optional(),
    timeoutSeconds: z.number().positive().max(300).optional(),
  })
  .strict();
const sidecarSchema = z
  .object({ $comment: z.string().optional(), examples: z.record(z.string(), sidecarEntrySchema) })
  .strict();

export type SidecarEntry = z.infer<typeof sidecarEntrySchema>;

/** One runnable example: its code as written, with what its sidecar adds. */
export interface KnowledgeExample {
  /** `<unit id>#<n>`: the unit's n-th example (1-based), the key of its sidecar entry. */
  readonly id: string;
  readonly unit: string;
  readonly source: TipSource;
  readonly code: string;
  /** The stated output (the file's `output` block, or the sidecar's), if any. */
  readonly output?: string | undefined;
  readonly setup: string;
  readonly check: string;
  readonly files: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  /** An interactive session (`>>>` prompts): run with `doctest`, its outputs written inline (see {@link isTranscript}). */
  readonly transcript?: boolean;
}

/**
 * The python examples of every knowledge file, in file order, with their sidecar entries.
 * Fails on a sidecar entry naming no example, and on an output stated twice.
 */
export async function collectExamples(knowledgeDir: string): Promise<KnowledgeExample[]> {
  const markdown = await readKnowledgeFiles(knowledgeDir);
  const sidecars = await readKnowledgeFiles(knowledgeDir, 'examples');
  const examples: KnowledgeExample[] = [];
  const entries = new Map<string, { entry: SidecarEntry; file: string }>();
  for (const sidecar of sidecars) {
    for (const [id, entry] of Object.entries(parseSidecar(sidecar).examples))
      entries.set(id, { entry, file: sidecar.name });
  }
  const used = new Set<string>();
  for (const file of markdown) {
    for (const unit of chunkMarkdown(file.name, file.content).tips) {
      unit.examples.forEach((example, i) => {
        const transcript = isTranscript(example.language, example.code);
        if (!transcript && !PYTHON_LANGUAGES.has(example.language.toLowerCase())) return;
        const id = `${unit.id}#${i + 1}`;
        const sidecar = entries.get(id);
        if (sidecar) used.add(id);
        const entry = sidecar?.entry;
        if (transcript && (example.output ?? entry?.output) !== undefined) {
          throw new Error(
            `${file.name}:${example.source?.lineStart}: "${id}" is an interactive session: write what each >>> line prints after it, not in an output block.`,
          );
        }
        if (entry?.output !== undefined && example.output !== undefined) {
          throw new Error(
            `${sidecar?.file}: "${id}" states an output its knowledge file already states (${file.name}:${example.source?.lineStart}).`,
          );
        }
        examples.push({
          id,
          unit: unit.id,
          source: example.source ?? unit.source,
          code: example.code,
          output: example.output ?? entry?.output,
          setup: entry?.setup ?? '',
          check: entry?.check ?? '',
          files: entry?.files ?? {},
          timeoutSeconds: entry?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
          ...(transcript ? { transcript } : {}),
        });
      });
    }
  }
  const unused = [...entries.keys()].filter((id) => !used.has(id));
  if (unused.length > 0) {
    throw new Error(
      `${unused.map((id) => `${entries.get(id)?.file}: "${id}"`).join(', ')} names no python example (ids are <unit id>#<n>, n from 1).`,
    );
  }
  return examples;
}

function parseSidecar(file: KnowledgeFile): z.infer<typeof sidecarSchema> {
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch (err) {
    throw new Error(`${file.name} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file.name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type ExampleOutcome =
  | { readonly status: 'passed'; readonly ms: number }
  | { readonly status: 'failed'; readonly ms: number; readonly reason: string }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ExampleResult {
  readonly example: KnowledgeExample;
  readonly outcome: ExampleOutcome;
}

/** A pinned Debian package and the module it provides. */
export interface PythonPackage {
  readonly debian: string;
  readonly version: string;
  readonly module: string;
}

/** `.ci/python-packages.txt`: `python3-numpy=1:1.24.2-1+deb12u1 numpy` lines, `#` comments. */
export function readPythonPackages(file = PYTHON_PACKAGES_FILE): PythonPackage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [pinned = '', module = ''] = line.split(/\s+/);
      const [debian = '', version = ''] = pinned.split('=');
      if (!debian || !version || !module) throw new Error(`${file}: "${line}" is not "<package>=<version> <module>".`);
      return { debian, version, module };
    });
}

export interface PythonInterpreter {
  readonly command: string;
  /** `sys.version`, or why there is no interpreter. */
  readonly version: string | null;
  readonly problem?: string;
  /** Module → version of each pinned package's module that imports, `null` when it does not. */
  readonly packages: Readonly<Record<string, string | null>>;
}

/**
 * The interpreter examples run with: `PYMEM_PYTHON`, else Debian's `/usr/bin/python3` (where
 * apt's numpy, pandas, memory_profiler, django, sqlalchemy, requests, matplotlib and IPython live), else the `python3` on PATH.
 */
export async function findPython(
  env: NodeJS.ProcessEnv = process.env,
  packages: readonly PythonPackage[] = readPythonPackages(),
): Promise<PythonInterpreter> {
  const command = env.PYMEM_PYTHON?.trim() || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const probe = [
    'import importlib, importlib.metadata, json, sys',
    'found = {}',
    `for name in ${JSON.stringify(packages.map((p) => p.module))}:`,
    '    try:',
    '        module = importlib.import_module(name)',
    '    except ImportError:',
    '        found[name] = None',
    '        continue',
    // PyQt5 has no `__version__`: its distribution's metadata has it.
    '    try:',
    '        found[name] = getattr(module, "__version__", None) or importlib.metadata.version(name)',
    '    except importlib.metadata.PackageNotFoundError:',
    '        found[name] = "?"',
    'print(json.dumps({"version": sys.version.split()[0], "packages": found}))',
  ].join('\n');
  try {
    const { stdout } = await promisify(execFile)(command, ['-I', '-c', probe], { timeout: 60_000 });
    const parsed = JSON.parse(stdout) as { version: string; packages: Record<string, string | null> };
    return { command, version: parsed.version, packages: parsed.packages };
  } catch (err) {
    return {
      command,
      version: null,
      problem: `no Python interpreter at "${command}" (${(err as Error).message.split('\n')[0]}); set PYMEM_PYTHON`,
      packages: {},
    };
  }
}

export interface RunOptions {
  readonly python: PythonInterpreter;
  readonly packages: readonly PythonPackage[];
  /** How many examples run at once; default 2. */
  readonly concurrency?: number;
}

/** Runs every example (a few at a time) and says how each went, in the order given. */
export async function runExamples(
  examples: readonly KnowledgeExample[],
  options: RunOptions,
): Promise<ExampleResult[]> {
  const results = new Array<ExampleResult>(examples.length);
  let next = 0;
  const worker = async () => {
    while (next < examples.length) {
      const i = next++;
      const example = examples[i] as KnowledgeExample;
      results[i] = { example, outcome: await runExample(example, options) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return results;
}

/**
 * Runs `example.txt` (an interactive session) with doctest, between the sidecar's setup
 * (`setup.py`) and check (`check.py`), all in one namespace; exits 1 when an output differs.
 * doctest's report goes to stderr, so a failure shows what was expected and what was printed
 * (for the first statement that differs: the later ones often differ only because of it).
 */
const TRANSCRIPT_RUNNER = `import doctest, os, sys
namespace = {'__name__': '__main__'}
def run_file(name):
    if os.path.exists(name):
        with open(name, encoding='utf-8') as f:
            exec(compile(f.read(), name, 'exec'), namespace)
run_file('setup.py')
with open('example.txt', encoding='utf-8') as f:
    test = doctest.DocTestParser().get_doctest(f.read(), namespace, 'example', 'example.txt', 0)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.REPORT_ONLY_FIRST_FAILURE)
runner.run(test, out=sys.stderr.write, clear_globs=False)
if runner.failures:
    sys.exit(1)
run_file('check.py')
`;

/**
 * Runs one example as `python3 example.py` in a fresh folder: setup, the code, then the check
 * (an interactive session, with doctest: see {@link TRANSCRIPT_RUNNER}).
 */
export async function runExample(example: KnowledgeExample, { python, packages }: RunOptions): Promise<ExampleOutcome> {
  // A session's prompts are not code: `>>> import numpy` imports numpy.
  const code = example.transcript ? example.code.replace(/^\s*(?:>>>|\.\.\.) ?/gm, '') : example.code;
  const needs = importedModules([example.setup, code, example.check].join('\n'));
  if (!python.version) return { status: 'skipped', reason: python.problem ?? 'no Python interpreter' };
  const missing = packages.filter((p) => needs.has(p.module) && !python.packages[p.module]);
  if (missing.length > 0) {
    return {
      status: 'skipped',
      reason: `${missing.map((p) => p.module).join(', ')} not installed for ${python.command} (apt-get install ${missing.map((p) => p.debian).join(' ')})`,
    };
  }

  const dir = await mkdtemp(join(tmpdir(), 'pymem-example-'));
  const started = performance.now();
  try {
    for (const [name, content] of Object.entries(example.files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    const setupLines = example.setup ? example.setup.split('\n').length + 1 : 0;
    if (example.transcript) {
      await writeFile(join(dir, 'example.txt'), `${example.code}\n`);
      if (example.setup) await writeFile(join(dir, 'setup.py'), `${example.setup}\n`);
      if (example.check) await writeFile(join(dir, 'check.py'), `${example.check}\n`);
      await writeFile(join(dir, 'example.py'), TRANSCRIPT_RUNNER);
    } else {
      const script = [example.setup, example.code, example.check && `\n# check\n${example.check}`]
        .filter(Boolean)
        .join('\n\n');
      await writeFile(join(dir, 'example.py'), `${script}\n`);
    }
    const run = await runPython(python.command, dir, example.timeoutSeconds);
    const ms = performance.now() - started;
    if (run.timedOut) return { status: 'failed', ms, reason: `still running after ${example.timeoutSeconds} s` };
    if (run.code !== 0) {
      const report = example.transcript
        ? relocateSession(run.stderr, example)
        : relocateTraceback(run.stderr, example, setupLines);
      return { status: 'failed', ms, reason: `exited ${run.code}:\n${clip(report.trim())}` };
    }
    if (example.output !== undefined && !outputMatches(example.output, run.stdout)) {
      return {
        status: 'failed',
        ms,
        reason: `printed\n${indent(clip(run.stdout))}\nbut the knowledge states\n${indent(example.output)}`,
      };
    }
    return { status: 'passed', ms };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runPython(
  command: string,
  cwd: string,
  timeoutSeconds: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // -I: isolated (no user site-packages, no PYTHON* variables), so what is tested is the interpreter's own set-up.
    const child = spawn(command, ['-I', 'example.py'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', MPLBACKEND: 'Agg' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let timedOut = false;
    const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes <= MAX_OUTPUT_BYTES) chunks.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}

/**
 * Doctest-style comparison: line ends normalized, trailing spaces and a final newline ignored,
 * `...` in the stated output matches any text (across lines too).
 *
 * @example outputMatches('56\n...', '56\n64\n') // true
 */
export function outputMatches(stated: string, printed: string): boolean {
  const normalize = (text: string) =>
    text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');
  const pattern = normalize(stated)
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(normalize(printed));
}

/** The top-level modules a piece of python imports (`import a.b`, `from a import b`). */
export function importedModules(code: string): Set<string> {
  const modules = new Set<string>();
  for (const match of code.matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm)) {
    const names = match[1] ? [match[1]] : (match[2] ?? '').split(',');
    for (const name of names) modules.add(name.trim().split('.')[0] ?? '');
  }
  return modules;
}

/** Points `File "example.py", line N` at the knowledge file's line. */
function relocateTraceback(stderr: string, example: KnowledgeExample, setupLines: number): string {
  const codeLines = example.code.split('\n').length;
  return stderr.replace(/File "(?:[^"]*[\\/])?example\.py", line (\d+)/g, (text, n: string) => {
    const line = Number(n) - setupLines;
    if (line < 1) return `${text} (sidecar setup)`;
    if (line > codeLines) return `${text} (sidecar check)`;
    // The fence is the example's first line.
    return `${example.source.file}:${example.source.lineStart + line}`;
  });
}

/** Points doctest's `File "example.txt", line N` at the knowledge file's line (the fence is the example's first line). */
function relocateSession(stderr: string, example: KnowledgeExample): string {
  return stderr.replace(
    /File "example\.txt", line (\d+)/g,
    (_text, n: string) => `${example.source.file}:${example.source.lineStart + Number(n)}`,
  );
}

function clip(text: string): string {
  return text.length > 2_000
    ? `${text.slice(0, 1_000)}\n[… ${text.length - 2_000} characters …]\n${text.slice(-1_000)}`
    : text;
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** "N examples executed, N passed, N skipped (reason)", and each failure. */
export function formatExampleReport(results: readonly ExampleResult[], python: PythonInterpreter): string {
  const failed = results.filter((r) => r.outcome.status === 'failed');
  const skipped = results.filter((r) => r.outcome.status === 'skipped');
  const executed = results.length - skipped.length;
  const reasons = new Map<string, number>();
  for (const r of skipped)
    if (r.outcome.status === 'skipped') reasons.set(r.outcome.reason, (reasons.get(r.outcome.reason) ?? 0) + 1);
  const skippedText =
    skipped.length === 0
      ? '0 skipped'
      : `${skipped.length} skipped (${[...reasons].map(([reason, n]) => `${n}: ${reason}`).join('; ')})`;
  const packages = Object.entries(python.packages)
    .map(([name, version]) => `${name} ${version ?? 'missing'}`)
    .join(', ');
  const lines = [
    `${executed} examples executed, ${executed - failed.length} passed, ${skippedText}` +
      (failed.length > 0 ? `, ${failed.length} FAILED` : ''),
    `python: ${python.command} ${python.version ?? '(none)'}${packages ? `; ${packages}` : ''}`,
  ];
  for (const { example, outcome } of failed) {
    if (outcome.status === 'failed')
      lines.push(`FAILED ${example.id} (${example.source.file}:${example.source.lineStart}): ${outcome.reason}`);
  }
  return lines.join('\n');
}
