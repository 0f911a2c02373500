import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHECKED_LANGUAGES,
  examplesOf,
  matchesDocumented,
  matchesDocumentedText,
  readAllDocBlocks,
  readDocBlocks,
} from './doc-examples.js';

/**
 * Every example of README.md and docs/*.md marked `run` runs against the real Node server (built
 * `dist/`, as `npm start` serves it), and what it prints is compared with the `output` block
 * after it: a documented example cannot drift from the service (issue #17).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const blocks = readAllDocBlocks(ROOT);
const examples = examplesOf(blocks);

/** The operator token the docs' admin examples use (docs/configuration.md). */
const ADMIN_TOKEN = 'docs-example-admin-token';

describe('the docs mark every shell and JSON example', () => {
  it('as run, output (after a run) or norun with a reason', () => {
    const unmarked = blocks
      .filter((b) => CHECKED_LANGUAGES.has(b.lang) && b.tag === undefined)
      .map((b) => `${b.file}:${b.line} (${b.lang})`);
    expect(unmarked, 'tag these blocks: run, output or norun: <reason>').toEqual([]);
    const noReason = blocks.filter((b) => b.tag === 'norun' && !b.reason).map((b) => `${b.file}:${b.line}`);
    expect(noReason, 'norun blocks say why').toEqual([]);
    const orphans = blocks
      .filter((b, i) => b.tag === 'output' && blocks[i - 1]?.tag !== 'run')
      .map((b) => `${b.file}:${b.line}`);
    expect(orphans, 'an output block follows the run block it shows').toEqual([]);
    expect(examples.filter((e) => e.output).length).toBeGreaterThanOrEqual(10);
  });

  it('reads fences, tags and reasons as documented', () => {
    const parsed = readDocBlocks(
      'x.md',
      [
        '```sh run',
        'curl -s localhost:8787/healthz',
        '```',
        '',
        '   ```json output',
        '   { "a": 1 }',
        '   ```',
        '```sh norun: deploys',
        'x',
        '```',
      ].join('\n'),
    );
    expect(parsed.map((b) => [b.line, b.lang, b.tag, b.reason ?? '', b.body])).toEqual([
      [1, 'sh', 'run', '', 'curl -s localhost:8787/healthz'],
      [5, 'json', 'output', '', '{ "a": 1 }'],
      [8, 'sh', 'norun', 'deploys', 'x'],
    ]);
  });

  it('compares outputs the way the pages promise', () => {
    expect(
      matchesDocumented({ a: 'The guidance …[1]', b: ['x', '…'] }, { a: 'The guidance says [1]', b: ['x', 'y'], c: 3 }),
    ).toBeUndefined();
    expect(matchesDocumented({ a: 'The guidance …[1]' }, { a: 'The guidance says [2]' })).toMatch(/\$\.a/);
    expect(matchesDocumented({ b: ['x'] }, { b: ['x', 'y'] })).toMatch(/1 items, got 2/);
    expect(matchesDocumented({ n: 1 }, { n: 2 })).toMatch(/\$\.n/);
    expect(matchesDocumentedText('a …\nc', 'a b\nzzz\nc')).toBeUndefined();
    expect(matchesDocumentedText('c\na …', 'a b\nc')).toBe('a …');
  });
});

describe('the docs examples, run against the real server', () => {
  let server: ChildProcess | undefined;
  let port = '';
  let workDir = '';

  beforeAll(async () => {
    const entry = join(ROOT, 'dist/src/node.js');
    if (!existsSync(entry))
      throw new Error('dist/src/node.js is missing: run `npm run build` (npm test does) before this suite');
    workDir = mkdtempSync(join(tmpdir(), 'pymem-docs-'));
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        API_KEYS: '',
        WIDGET_KEYS: '',
        ADMIN_TOKEN,
        ALLOWED_ORIGINS: 'https://help.example.com',
        FEEDBACK_DB: join(workDir, 'feedback.sqlite'),
        RATE_LIMIT_PER_MINUTE: '0',
        LLM_PROVIDER: '',
        // docs/slack.md signs a slash command with this secret.
        SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server = child;
    let stderr = '';
    port = await new Promise<string>((resolvePort, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /ready at http:\/\/[^\s:]+:(\d+)/.exec(stderr)?.[1];
        if (found) resolvePort(found);
      });
    });
  }, 60_000);

  afterAll(() => {
    server?.kill('SIGTERM');
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  for (const { run, output } of examples) {
    it(`${run.file}:${run.line}`, async () => {
      const command = run.body.replaceAll(/(?:https?:\/\/)?(?:localhost|127\.0\.0\.1):8787/g, (m) =>
        m.replace(/(localhost|127\.0\.0\.1):8787/, `127.0.0.1:${port}`),
      );
      const { code, printed } = await runShell(command, { ADMIN_TOKEN, PYMEM_URL: `http://127.0.0.1:${port}` });
      expect(code, `exit status of\n${command}\nprinted:\n${printed}`).toBe(0);
      if (!output) return;
      if (output.lang === 'json' || output.lang === 'jsonc') {
        const documented: unknown = JSON.parse(output.body);
        let actual: unknown;
        expect(() => (actual = JSON.parse(printed)), `the command printed JSON:\n${printed}`).not.toThrow();
        expect(
          matchesDocumented(documented, actual),
          `${output.file}:${output.line} against what it printed:\n${printed}`,
        ).toBeUndefined();
      } else {
        expect(
          matchesDocumentedText(output.body, printed),
          `${output.file}:${output.line} against what it printed:\n${printed}`,
        ).toBeUndefined();
      }
    }, 60_000);
  }
});

function runShell(command: string, env: Record<string, string>): Promise<{ code: number | null; printed: string }> {
  return new Promise((resolveRun) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', `exec 2>&1\n${command}`], {
      cwd: ROOT,
      env: { ...process.env, ...env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 50_000,
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.on('close', (code) => resolveRun({ code, printed }));
  });
}
