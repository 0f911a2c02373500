import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyze/rules/index.js';
import { RULE_CITATIONS } from '../../src/analyze/rule-citations.js';
import { runCli, type CliIo } from '../../src/cli/main.js';
import type { Tip } from '../../src/knowledge/types.js';
import { builtIndex } from '../helpers/built-index.js';

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

async function run(args: string[], stdin = '', knowledge?: readonly Tip[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => stdin,
    version: '9.9.9',
    ...(knowledge ? { knowledge: () => knowledge } : {}),
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
      `${file}:3:5 string-concat-in-loop \`s\` is a string carried across the iterations of this loop and grown with \`+\`: each step can copy everything built so far. [optimize-string-usage--string-concatenation]\n`,
    );
    expect(stderr).toBe('1 finding (1 warning, 0 info), 0 syntax errors in 1 file\n');
  });

  it('exits 0 for clean code and for info-only findings, which --include-info shows', async () => {
    expect((await run(['analyze', join(dir, 'clean.py')])).code).toBe(0);
    const hidden = await run(['analyze', join(dir, 'info.py')]);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toBe('');
    expect(hidden.stderr).toBe(
      '0 findings (0 warnings, 0 info), 0 syntax errors in 1 file; 1 info not shown (--include-info)\n',
    );
    const info = await run(['analyze', '-q', '--include-info', join(dir, 'info.py')]);
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
    expect(stdout).toContain(
      "\n    fix: Collect the pieces in a list and join once after the loop, keeping the initial value: `parts = [s]` before the loop, `parts.append(w)` in it, then `s = ''.join(parts)`.\n",
    );
  });

  it('searches directories for .py files, skipping hidden folders and node_modules', async () => {
    const { stdout, stderr } = await run(['analyze', join(dir, 'pkg')]);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual([`${join(dir, 'pkg', 'b.py')}:1:5`]);
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
    const { stdout, code } = await run([
      'analyze',
      '-f',
      'sarif',
      '--include-info',
      join(dir, 'leaky.py'),
      join(dir, 'broken.py'),
      join(dir, 'info.py'),
    ]);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const [run0] = log.runs;
    expect(run0.tool.driver.name).toBe('pymem');
    expect(run0.tool.driver.version).toBe('9.9.9');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      ...RULES.map((r) => r.id),
      'syntax-error',
    ]);
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
    const descriptor = run0.tool.driver.rules[first.ruleIndex];
    expect(descriptor.helpUri).toBe('http://localhost:8787/v1/tips/optimize-string-usage--string-concatenation');
    expect(descriptor.fullDescription.text).toContain('String Concatenation');
    expect(first.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(first.fixes[0].artifactChanges[0].replacements).toEqual([
      {
        deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 },
        insertedContent: { text: 's_parts = [s]\n' },
      },
      {
        deletedRegion: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 },
        insertedContent: { text: 's_parts.append(w)' },
      },
      {
        deletedRegion: { startLine: 3, startColumn: 11, endLine: 3, endColumn: 11 },
        insertedContent: { text: "\ns = ''.join(s_parts)" },
      },
    ]);
  });

  it('describes each SARIF rule with the why of the unit it cites, when the built knowledge is there', async () => {
    const { knowledge } = await builtIndex();
    const log = JSON.parse(
      (await run(['analyze', '-f', 'sarif', '--include-info', join(dir, 'info.py')], '', knowledge.tips)).stdout,
    );
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      helpUri: string;
      fullDescription: { text: string };
      help: { markdown: string };
    }[];
    const getsizeof = rules.find((r) => r.id === 'getsizeof-container');
    // A unit of its own: the help links it, and its `why` is quoted word for word.
    expect(getsizeof?.helpUri).toBe('http://localhost:8787/v1/tips/object-sizes--getsizeof-is-shallow');
    const unit = knowledge.tips.find((t) => t.id === 'object-sizes--getsizeof-is-shallow');
    const why = unit?.facets.find((f) => f.kind === 'why')?.text ?? '';
    expect(why.length).toBeGreaterThan(50);
    expect(getsizeof?.fullDescription.text).toContain(why);
    expect(getsizeof?.help.markdown).toContain(
      '[List and Dictionary Sizes](http://localhost:8787/v1/tips/use-built-in-data-structures-wisely--list-and-dictionary-sizes)',
    );
    // Every rule quotes a why of its unit (its own, or the section that extends the guidance tip).
    for (const rule of rules.filter((r) => r.id !== 'syntax-error')) {
      const cited = RULE_CITATIONS[rule.id as keyof typeof RULE_CITATIONS];
      const whys =
        knowledge.tips
          .find((t) => t.id === cited.id)
          ?.facets.filter((f) => f.kind === 'why')
          .map((f) => f.text) ?? [];
      expect(
        whys.some((w) => rule.fullDescription.text.includes(w)),
        rule.id,
      ).toBe(true);
    }
  });

  it('takes the SARIF helpUri base from --tips-url or PYMEM_TIPS_URL', async () => {
    const flag = JSON.parse(
      (await run(['analyze', '-f', 'sarif', '--tips-url', 'https://pymem.example.com/v1/tips/', join(dir, 'leaky.py')]))
        .stdout,
    );
    expect(flag.runs[0].tool.driver.rules[0].helpUri).toBe(
      'https://pymem.example.com/v1/tips/optimize-string-usage--string-concatenation',
    );
  });

  it('keeps a fingerprint when unrelated lines are added above the finding', async () => {
    const sarif = async (code: string) => {
      const file = join(dir, 'moving.py');
      await writeFile(file, code);
      return JSON.parse((await run(['analyze', '-f', 'sarif', file])).stdout).runs[0].results[0];
    };
    const before = await sarif('s = ""\nfor w in words:\n    s += w\n');
    const after = await sarif('import os\n\n\ns = ""\nfor w in words:\n    s += w\n');
    expect(after.locations[0].physicalLocation.region.startLine).toBe(
      Number(before.locations[0].physicalLocation.region.startLine) + 3,
    );
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
  });

  it('skips tests, examples and setup.py in directories by default; --exclude replaces, --extend-exclude adds', async () => {
    const root = join(dir, 'proj');
    await mkdir(join(root, 'tests'), { recursive: true });
    await mkdir(join(root, 'src', 'vendor'), { recursive: true });
    await writeFile(join(root, 'tests', 'test_a.py'), 'f = open(p)\n');
    await writeFile(join(root, 'setup.py'), 'f = open(p)\n');
    await writeFile(join(root, 'src', 'app.py'), 'f = open(p)\n');
    await writeFile(join(root, 'src', 'vendor', 'lib.py'), 'f = open(p)\n');
    const files = (out: string) =>
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]?.slice(root.length + 1));
    expect(files((await run(['analyze', root])).stdout)).toEqual(['src/app.py', 'src/vendor/lib.py']);
    expect(files((await run(['analyze', '--extend-exclude', 'src/vendor/**', root])).stdout)).toEqual(['src/app.py']);
    expect(files((await run(['analyze', '--exclude', 'vendor', root])).stdout)).toEqual([
      'setup.py',
      'src/app.py',
      'tests/test_a.py',
    ]);
    // A file named on the command line is analyzed whatever the patterns say.
    expect(files((await run(['analyze', join(root, 'setup.py')])).stdout)).toEqual(['setup.py']);
  });

  it('--fix --diff prints the fixes as a unified diff and changes nothing', async () => {
    const file = join(dir, 'fixme.py');
    const code = 'def build(words):\n    s = "> "\n    for w in words:\n        s += w\n    return s\n';
    await writeFile(file, code);
    const { code: exit, stdout, stderr } = await run(['analyze', '--fix', '--diff', file]);
    expect(exit).toBe(1);
    expect(stdout).toBe(
      [
        `--- a/${file}`,
        `+++ b/${file}`,
        '@@ -1,5 +1,7 @@',
        ' def build(words):',
        '     s = "> "',
        '+    s_parts = [s]',
        '     for w in words:',
        '-        s += w',
        '+        s_parts.append(w)',
        "+    s = ''.join(s_parts)",
        '     return s',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe('1 fix available in 1 file (nothing written)\n');
    expect(await readFile(file, 'utf8')).toBe(code);
  });

  it('--fix writes the fixes and reports what is left', async () => {
    const file = join(dir, 'fixme2.py');
    await writeFile(file, 'def build(words):\n    s = "> "\n    for w in words:\n        s += w\n    return s\n');
    const { code, stdout, stderr } = await run(['analyze', '--fix', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('Fixed 1 finding in 1 file.\n0 findings (0 warnings, 0 info), 0 syntax errors in 1 file\n');
    expect(await readFile(file, 'utf8')).toBe(
      'def build(words):\n    s = "> "\n    s_parts = [s]\n    for w in words:\n        s_parts.append(w)\n    s = \'\'.join(s_parts)\n    return s\n',
    );
  });

  it.each([
    [[], /Usage: pymem analyze/],
    [['analyze'], /Usage: pymem analyze/],
    [['lint', 'a.py'], /unknown command "lint"/],
    [['analyze', '--format', 'xml', 'a.py'], /--format must be one of text, json, sarif/],
    [['analyze', '--colour', 'a.py'], /Unknown option '--colour'/],
    [['analyze', '/no/such/file.py'], /ENOENT/],
    [['analyze', '--diff', 'a.py'], /--diff goes with --fix/],
    [['analyze', '--fix', '-'], /cannot write back to stdin/],
  ])('exits 2 on usage or read errors: %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Exit codes: 0 nothing or only info findings, 1 warnings or syntax errors (--diff: fixes to apply),',
    );
    expect(stdout).toContain('--include-info');
  });
});
