import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectExamples,
  findPython,
  formatExampleReport,
  importedModules,
  isTranscript,
  outputMatches,
  readPythonPackages,
  runExample,
  runExamples,
  type ExampleResult,
  type KnowledgeExample,
} from '../../scripts/lib/knowledge-examples.js';
import { KNOWLEDGE_DIR } from '../../scripts/lib/paths.js';

/**
 * Every python example of knowledge/ runs, and prints what its file says it prints. Without
 * Debian's numpy/pandas/memory_profiler/django/sqlalchemy/requests (a newcomer's machine) the examples needing them are
 * skipped with the reason; with PYMEM_REQUIRE_PYTHON_PACKAGES=1 (CI) a skip is a failure.
 */
const requireAll = process.env.PYMEM_REQUIRE_PYTHON_PACKAGES === '1';
const packages = readPythonPackages();
const python = await findPython(process.env, packages);
const examples = await collectExamples(KNOWLEDGE_DIR);
let results: ExampleResult[] = [];

beforeAll(async () => {
  results = await runExamples(examples, { python, packages });
  // The report `npm test` prints: "N examples executed, N passed, N skipped (reason)".
  console.log(formatExampleReport(results, python));
}, 600_000);

describe('the examples of knowledge/', () => {
  it('finds the guidance’s 7 python examples and the companion’s', () => {
    const guidance = examples.filter((e) => e.source.file === 'python-memory-guidance.md');
    expect(guidance).toHaveLength(7);
    expect(examples.filter((e) => e.source.file === 'python-memory-companion.md').length).toBeGreaterThanOrEqual(40);
  });

  for (const example of examples) {
    it(`${example.id} (${example.source.file}:${example.source.lineStart}) runs and prints what it states`, (ctx) => {
      const outcome = results.find((r) => r.example === example)?.outcome;
      expect(outcome, 'not run').toBeDefined();
      if (outcome?.status === 'skipped') {
        if (requireAll) expect.fail(`skipped under PYMEM_REQUIRE_PYTHON_PACKAGES=1: ${outcome.reason}`);
        ctx.skip(outcome.reason);
      }
      expect(outcome?.status === 'failed' ? outcome.reason : 'passed').toBe('passed');
    });
  }
});

describe('running an example', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const example = (code: string, extra: Partial<KnowledgeExample> = {}): KnowledgeExample => ({
    id: 'test--unit#1',
    unit: 'test--unit',
    source: { file: 'test.md', lineStart: 10, lineEnd: 14 },
    code,
    setup: '',
    check: '',
    files: {},
    timeoutSeconds: 10,
    ...extra,
  });
  const run = (e: KnowledgeExample) => runExample(e, { python, packages });
  /** Without an interpreter these cannot run: skipped with the reason (the report shows it). */
  const needPython = (ctx: { skip: (note?: string) => never }) => {
    if (!python.version) ctx.skip(python.problem);
  };

  it('passes when the output matches, and fails with both texts when it does not', async (ctx) => {
    needPython(ctx);
    expect(await run(example('print(6 * 7)', { output: '42' }))).toMatchObject({ status: 'passed' });
    const wrong = await run(example('print(6 * 7)', { output: '41' }));
    expect(wrong).toMatchObject({ status: 'failed' });
    expect(wrong.status === 'failed' && wrong.reason).toMatch(/printed\n {4}42\nbut the knowledge states\n {4}41/);
  });

  it('fails on a broken assert, pointing at the knowledge file’s line', async (ctx) => {
    needPython(ctx);
    const outcome = await run(example('x = 1\nassert x == 2, "x is 1"'));
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/test\.md:12[\s\S]*AssertionError: x is 1/);
  });

  it('runs the sidecar’s setup, files and check around the code, in a temporary folder', async (ctx) => {
    needPython(ctx);
    const e = example("with open('data.txt') as f:\n    n = count(f)", {
      setup: 'def count(f):\n    return sum(1 for _ in f)',
      files: { 'data.txt': 'a\nb\nc\n' },
      check: 'assert n == 3\nassert f.closed',
    });
    expect(await run(e)).toMatchObject({ status: 'passed' });
    expect(await run({ ...e, check: 'assert n == 4' })).toMatchObject({ status: 'failed' });
  });

  it('runs an interactive session with doctest, each >>> line against what is written after it', async (ctx) => {
    needPython(ctx);
    const session = '>>> import sys\n>>> x = object()\n>>> sys.getrefcount(x)\n2\n>>> [1, 2] * 2\n[1, 2, 1, 2]';
    expect(await run(example(session, { transcript: true }))).toMatchObject({ status: 'passed' });
    // The line that differs: the file's line (the fence at 10, so the session's 5th line is 15), what was expected, what came.
    const wrong = await run(example(session.replace('[1, 2, 1, 2]', '[1, 2]'), { transcript: true }));
    expect(wrong.status === 'failed' && wrong.reason).toMatch(/test\.md:15[\s\S]*Expected:\s+\[1, 2\]\s+Got:\s+\[1, 2, 1, 2\]/);
    // The sidecar's setup and check share its namespace; a name the page never defines fails.
    expect(await run(example('>>> sys.getrefcount(object())\n1', { transcript: true, setup: 'import sys', check: 'assert "sys" in dir()' }))).toMatchObject({ status: 'passed' });
    // A huge result is clipped in the report: one of CPython's pages prints gc.get_objects().
    const huge = await run(example('>>> list(range(100_000))\n[]', { transcript: true }));
    expect(huge.status === 'failed' && huge.reason.length).toBeLessThan(2_200);
    const undefinedName = await run(example('>>> sys.getrefcount(object())\n1', { transcript: true }));
    expect(undefinedName.status === 'failed' && undefinedName.reason).toMatch(/NameError: name 'sys' is not defined/);
  });

  it('reads a session from ```pycon, or from python whose first line is a >>> prompt, and refuses an output block after one', async () => {
    expect(isTranscript('pycon', 'x = 1')).toBe(true);
    expect(isTranscript('python', '  >>> 1 + 1\n2')).toBe(true);
    expect(isTranscript('python', 'print(1)  # >>> not a prompt')).toBe(false);
    expect(isTranscript('text', '>>> 1')).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'pymem-examples-'));
    dirs.push(dir);
    const page = 'Refcounts\n=========\n\nCPython counts references.\n\n```pycon\n>>> 1 + 1\n2\n```\n\n```python\n>>> 2 + 2\n4\n```\n\n```c\nint x;\n```\n';
    await writeFile(join(dir, 'wiki.md'), page);
    const found = await collectExamples(dir);
    expect(found.map((e) => [e.id, e.transcript])).toEqual([
      ['wiki--refcounts#1', true],
      ['wiki--refcounts#2', true],
    ]);
    await writeFile(join(dir, 'wiki.md'), page.replace('2\n```\n\n```python', '2\n```\n```output\n2\n```\n\n```python'));
    await expect(collectExamples(dir)).rejects.toThrow(/wiki\.md:6: "wiki--refcounts#1" is an interactive session/);
  });

  it('skips a session whose package is missing, reading the imports behind its prompts', async () => {
    const without = { ...python, version: python.version ?? '3.11', packages: { numpy: null } };
    const outcome = await runExample(example('>>> import numpy as np\n>>> np.zeros(2).nbytes\n16', { transcript: true }), { python: without, packages });
    expect(outcome).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^numpy not installed/) });
  });

  it('stops an example that runs too long', async (ctx) => {
    needPython(ctx);
    const outcome = await run(example('while True:\n    pass', { timeoutSeconds: 1 }));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'still running after 1 s' });
  });

  it('skips an example whose package is missing, saying which and how to install it', async () => {
    const without = { ...python, version: python.version ?? '3.11', packages: { numpy: null } };
    const outcome = await runExample(example('import numpy as np\nprint(np.zeros(3))'), { python: without, packages });
    expect(outcome).toEqual({ status: 'skipped', reason: expect.stringMatching(/^numpy not installed for .*\(apt-get install python3-numpy\)$/) });
  });

  it('skips everything, with the reason, when there is no interpreter', async () => {
    const none = await findPython({ PYMEM_PYTHON: '/nonexistent/python3' }, packages);
    expect(none.version).toBeNull();
    const outcome = await runExample(example('print(1)'), { python: none, packages });
    expect(outcome).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no Python interpreter at "\/nonexistent\/python3"/) });
  });

  it('reports executed, passed and skipped with the reasons', () => {
    const e = example('print(1)');
    const text = formatExampleReport(
      [
        { example: e, outcome: { status: 'passed', ms: 1 } },
        { example: e, outcome: { status: 'skipped', reason: 'numpy not installed' } },
        { example: e, outcome: { status: 'failed', ms: 1, reason: 'exited 1' } },
      ],
      python,
    );
    expect(text.split('\n')[0]).toBe('2 examples executed, 1 passed, 1 skipped (1: numpy not installed), 1 FAILED');
    expect(text).toContain('FAILED test--unit#1 (test.md:10): exited 1');
  });

  it('refuses a sidecar entry that names no example', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pymem-examples-'));
    dirs.push(dir);
    await writeFile(join(dir, 'a.md'), '### S\n\n- **Tip**: text\n\n    ```python\n    print(1)\n    ```\n');
    await writeFile(join(dir, 'a.examples.json'), JSON.stringify({ examples: { 's--tip#2': { check: 'pass' } } }));
    await expect(collectExamples(dir)).rejects.toThrow(/a\.examples\.json: "s--tip#2" names no python example/);
    await writeFile(join(dir, 'a.examples.json'), JSON.stringify({ examples: { 's--tip#1': { chek: 'pass' } } }));
    await expect(collectExamples(dir)).rejects.toThrow(/chek/);
  });
});

describe('outputMatches (doctest-style)', () => {
  it('ignores trailing spaces and the final newline; `...` matches any text, across lines', () => {
    expect(outputMatches('56', '56  \n')).toBe(true);
    expect(outputMatches('0\n1\n...\n9', '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n')).toBe(true);
    expect(outputMatches('(..., ..., ...)', '(12, 3, 0)\n')).toBe(true);
    expect(outputMatches('True', 'False')).toBe(false);
    expect(outputMatches('a\nb', 'a\nb\nc')).toBe(false);
    expect(outputMatches('size: ... bytes', 'size: 120 bytes')).toBe(true);
  });

  it('reads the modules an example imports', () => {
    expect([...importedModules('import numpy as np\nfrom pandas.api import types\nimport os, sys\n  import tracemalloc')]).toEqual([
      'numpy',
      'pandas',
      'os',
      'sys',
      'tracemalloc',
    ]);
  });
});
