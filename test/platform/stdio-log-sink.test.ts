import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('stdio log sink', () => {
  it('writes every line, in order, even when the process exits right after logging', () => {
    const script = `
      import { createJsonLogger } from './src/logger.ts';
      import { createStdioLogSink } from './src/platform/node/deps.ts';
      const logger = createJsonLogger(createStdioLogSink());
      for (let i = 0; i < 5000; i++) logger.info('request', { i });
      logger.error('boom', { why: 'test' });
      process.exit(0);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; level: string; i: number });
    expect(lines).toHaveLength(5000);
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(lines[0]).toMatchObject({ level: 'info', event: 'request' });
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ level: 'error', event: 'boom', why: 'test' });
  });
});
