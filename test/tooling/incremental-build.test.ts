import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before any TypeScript tooling); its JSDoc types it.
import { ensureBuilt, inputFiles, STEPS } from '../../scripts/build.mjs';

interface Step {
  name: string;
  label: string;
  entries?: string[];
  inputs?: string[];
  env?: string[];
  outputs: string[];
  command: string[];
}
type EnsureBuilt = (
  steps: readonly Step[],
  options: { root: string; force?: boolean; env?: NodeJS.ProcessEnv; log?: (line: string) => void },
) => Promise<{ name: string; ran: boolean }[]>;
const ensure = ensureBuilt as EnsureBuilt;
const listInputs = inputFiles as (step: Step, root: string) => Promise<string[]>;
const REPO = fileURLToPath(new URL('../../', import.meta.url));

// A step that joins data/*.txt (and, through its module graph, what lib/greeting.ts says) into
// out/joined.txt, and counts its runs; it fails while a file fail.flag exists.
const JOIN_SCRIPT = `
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
if (existsSync('fail.flag')) process.exit(3);
appendFileSync('runs.log', 'run\\n');
mkdirSync('out', { recursive: true });
const data = readdirSync('data').sort().map((f) => readFileSync('data/' + f, 'utf8'));
writeFileSync('out/joined.txt', [process.env.MODE ?? '', ...data].join('|'));
`;

let root: string;
let step: Step;
const runs = async () =>
  (await readFile(join(root, 'runs.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
const build = async (env: NodeJS.ProcessEnv = {}, force = false) =>
  (await ensure([step], { root, env, force, log: () => {} }))[0]?.ran;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pymem-build-'));
  await mkdir(join(root, 'data'));
  await mkdir(join(root, 'lib'));
  await writeFile(join(root, 'data', 'a.txt'), 'alpha');
  await writeFile(join(root, 'join.mjs'), JOIN_SCRIPT);
  await writeFile(
    join(root, 'entry.ts'),
    "import { greeting } from './lib/greeting.js';\nexport const text: string = greeting;\n",
  );
  await writeFile(join(root, 'lib', 'greeting.ts'), "export const greeting = 'hello';\n");
  await writeFile(join(root, 'lib', 'unused.ts'), 'export const unused = 1;\n');
  step = {
    name: 'join',
    label: 'joined data',
    entries: ['entry.ts'],
    inputs: ['data'],
    env: ['MODE'],
    outputs: ['out/joined.txt'],
    command: [join(root, 'join.mjs')],
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scripts/build.mjs: a step runs only when what it is made from changed', () => {
  it('runs a step once, then skips it while its inputs, environment and outputs are unchanged', async () => {
    expect(await build()).toBe(true);
    expect(await build()).toBe(false);
    expect(await build()).toBe(false);
    expect(await runs()).toBe(1);
    // A new modification time with the same content is not a change (a checkout, a touch).
    await utimes(join(root, 'data', 'a.txt'), new Date(), new Date(Date.now() + 60_000));
    expect(await build()).toBe(false);
  });

  it('runs again when an input file changes, is added, or a module its entry imports changes', async () => {
    await build();
    await writeFile(join(root, 'data', 'a.txt'), 'alpha2');
    expect(await build()).toBe(true);
    await writeFile(join(root, 'data', 'b.txt'), 'beta');
    expect(await build()).toBe(true);
    expect(await readFile(join(root, 'out', 'joined.txt'), 'utf8')).toBe('|alpha2|beta');
    await writeFile(join(root, 'lib', 'greeting.ts'), "export const greeting = 'hi';\n");
    expect(await build()).toBe(true);
    // A module nothing imports is no input.
    await writeFile(join(root, 'lib', 'unused.ts'), 'export const unused = 2;\n');
    expect(await build()).toBe(false);
    expect(await runs()).toBe(4);
  });

  it('runs again when an environment variable it reads changes', async () => {
    await build({ MODE: 'a' });
    expect(await build({ MODE: 'a', OTHER: 'x' })).toBe(false);
    expect(await build({ MODE: 'b' })).toBe(true);
    expect(await readFile(join(root, 'out', 'joined.txt'), 'utf8')).toBe('b|alpha');
  });

  it('runs again when an output is missing or was changed by something else', async () => {
    await build();
    await rm(join(root, 'out'), { recursive: true });
    expect(await build()).toBe(true);
    await writeFile(join(root, 'out', 'joined.txt'), 'written by hand');
    expect(await build()).toBe(true);
    expect(await readFile(join(root, 'out', 'joined.txt'), 'utf8')).toBe('|alpha');
  });

  it('runs with --force, and records nothing after a failed run, so the next one tries again', async () => {
    await build();
    expect(await build({}, true)).toBe(true);
    await writeFile(join(root, 'fail.flag'), '');
    await writeFile(join(root, 'data', 'a.txt'), 'alpha2');
    await expect(build()).rejects.toThrow(/join\.mjs` failed \(exit 3\)/);
    await rm(join(root, 'fail.flag'));
    expect(await build()).toBe(true);
    expect(await readFile(join(root, 'out', 'joined.txt'), 'utf8')).toBe('|alpha2');
    expect(await runs()).toBe(3);
  });
});

describe("the repository's build steps", () => {
  const stepNamed = (name: string) => (STEPS as Step[]).find((s) => s.name === name)!;

  it('are index, docs, widget and server, in that order', () => {
    expect((STEPS as Step[]).map((s) => s.name)).toEqual(['index', 'docs', 'widget', 'server']);
  });

  it('take as inputs the knowledge and every module the index build imports', async () => {
    const files = await listInputs(stepNamed('index'), REPO);
    expect(files).toEqual(
      expect.arrayContaining([
        'knowledge/python-memory-guidance.md',
        'scripts/lib/build-index.ts',
        'src/retrieval/tokenize.ts',
        'src/knowledge/chunk.ts',
        'package-lock.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('src/http/'))).toBe(false);
  });

  it('take as inputs every module bundled into the widget, and every file tsc compiles for the server', async () => {
    expect(await listInputs(stepNamed('widget'), REPO)).toEqual(
      expect.arrayContaining([
        'widget/src/widget.ts',
        'src/answer/follow-up/chat-turn.ts',
        'scripts/lib/widget/build-widget.ts',
      ]),
    );
    const server = await listInputs(stepNamed('server'), REPO);
    expect(server).toEqual(
      expect.arrayContaining(['src/node.ts', 'src/answer/calibration.json', 'tsconfig.build.json']),
    );
    expect(server.some((f) => f.startsWith('test/'))).toBe(false);
  });
});
