import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('bin/pymem.js', () => {
  it('runs with plain node (the package.json "bin" that npx pymem uses)', () => {
    const result = spawnSync(process.execPath, ['bin/pymem.js', 'analyze', '--format', 'json', '-'], {
      cwd: ROOT,
      input: 'def f(items=[]):\n    items.append(1)\n    return items\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toContain('1 finding (1 warning, 0 info)');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)[0].findings[0].rule).toBe('mutable-default-argument');
  });
});
