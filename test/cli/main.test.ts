import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyze/rules/index.js';
import { runCli, type CliIo } from '../../src/cli/main.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pymem-cli-'));
  await writeFile(join(dir, 'leaky.py'), 's = ""\nfor w in words:\n    s += w\n');
  await writeFile(join(dir, 'info.py'), 'import sys\nprint(sys.getsizeof(data))\n');
  await writeFile(join(dir, 'clean.py'), 'total = sum(x for x in xs)\n');
  await writeFile(join(dir, 'broken.py'), 'def f(:\n    pass\n');
  await mkdir(join(dir, 'pkg', '.hidden'), { recursive: true });
  await mkdir(join(dir, 'pkg', 'node_modules'), { recursive: true });
  await writeFile(join(dir, 'pkg', 'b.py'), 'f = open(p)\n');
  await writeFile(join(dir, 'pkg', 'a.py'), 'x = 1\n');
  await writeFile(join(dir, 'pkg', 'notes.txt'), 'f = open(p)\n');
  await writeFile(join(dir, 'pkg', '.hidden', 'c.py'), 'f = open(p)\n');
  await writeFile(join(dir, 'pkg', 'node_modules', 'd.py'), 'f = open(p)\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => stdin,
    version: '9.9.9',
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('pymem analyze', () => {
  it('prints file:line:col rule message [tip] and exits 1 on warnings', async () => {
    const file = join(dir, 'leaky.py');
    const { code, stdout, stderr } = await run(['analyze', file]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `${file}:3:5 string-concat-in-loop \`s\` is a string grown with \`+\` inside a loop. Strings are immutable, so each step can allocate a new one and copy everything built so far: quadratic time and a trail of temporary copies. [optimize-string-usage--string-concatenation]\n`,
    );
    expect(stderr).toBe('1 finding (1 warning, 0 info), 0 syntax errors in 1 file\n');
  });

  it('exits 0 for clean code and for info-only findings', async () => {
    expect((await run(['analyze', join(dir, 'clean.py')])).code).toBe(0);
    const info = await run(['analyze', '-q', join(dir, 'info.py')]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('getsizeof-container');
    expect(info.stderr).toBe('');
  });

  it('reports syntax errors and exits 1', async () => {
    const file = join(dir, 'broken.py');
    const { code, stdout } = await run(['analyze', file]);
    expect(code).toBe(1);
    expect(stdout).toBe(`${file}:1:7 syntax-error invalid syntax before ":"\n`);
  });

  it('prints suggestions with --suggestions', async () => {
    const { stdout } = await run(['analyze', '--suggestions', join(dir, 'leaky.py')]);
    expect(stdout).toContain("\n    fix: Collect the pieces in a list and join once after the loop: `parts.append(w)` in the loop, then `s = ''.join(parts)`.\n");
  });

  it('searches directories for .py files, skipping hidden folders and node_modules', async () => {
    const { stdout, stderr } = await run(['analyze', join(dir, 'pkg')]);
    expect(stdout.trim().split('\n').map((l) => l.split(' ')[0])).toEqual([`${join(dir, 'pkg', 'b.py')}:1:5`]);
    expect(stderr).toContain('in 2 files');
  });

  it('reads stdin for -', async () => {
    const { code, stdout } = await run(['analyze', '-'], 'import gc\ngc.disable()\n');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^-:2:1 gc-disabled /);
  });

  it('writes JSON: one entry per file with the /v1/analyze shape', async () => {
    const { stdout } = await run(['analyze', '--format', 'json', join(dir, 'leaky.py'), join(dir, 'clean.py')]);
    const reports = JSON.parse(stdout) as { file: string; findings: { rule: string }[]; syntaxErrors: unknown[] }[];
    expect(reports.map((r) => [r.file, r.findings.map((f) => f.rule), r.syntaxErrors])).toEqual([
      [join(dir, 'leaky.py'), ['string-concat-in-loop'], []],
      [join(dir, 'clean.py'), [], []],
    ]);
  });

  it('writes SARIF 2.1.0 with every rule described and 1-based regions', async () => {
    const { stdout, code } = await run(['analyze', '-f', 'sarif', join(dir, 'leaky.py'), join(dir, 'broken.py'), join(dir, 'info.py')]);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const [run0] = log.runs;
    expect(run0.tool.driver.name).toBe('pymem');
    expect(run0.tool.driver.version).toBe('9.9.9');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULES.map((r) => r.id), 'syntax-error']);
    expect(run0.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['string-concat-in-loop', 'warning'],
      ['syntax-error', 'error'],
      ['getsizeof-container', 'note'],
    ]);
    const [first] = run0.results;
    expect(run0.tool.driver.rules[first.ruleIndex].id).toBe('string-concat-in-loop');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: expect.stringMatching(/^file:\/\/.*leaky\.py$/) },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 },
    });
    expect(first.properties.tip.id).toBe('optimize-string-usage--string-concatenation');
  });

  it.each([
    [[], /Usage: pymem analyze/],
    [['analyze'], /Usage: pymem analyze/],
    [['lint', 'a.py'], /unknown command "lint"/],
    [['analyze', '--format', 'xml', 'a.py'], /--format must be one of text, json, sarif/],
    [['analyze', '--colour', 'a.py'], /Unknown option '--colour'/],
    [['analyze', '/no/such/file.py'], /ENOENT/],
  ])('exits 2 on usage or read errors: %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes: 0 nothing or only info findings, 1 warnings or syntax errors, 2 usage or read error.');
  });
});
