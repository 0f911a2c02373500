import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withoutBuildCommand } from '../../scripts/bench/knowledge-growth.js';

describe("the operator-sized Worker's wrangler.toml (scripts/bench/knowledge-growth.ts)", () => {
  it('drops only the [build] table, whose command would rebuild the shipped index over the generated one', async () => {
    const toml = await readFile(new URL('../../wrangler.toml', import.meta.url), 'utf8');
    expect(toml).toMatch(/^\[build\]\ncommand = /m);
    const stripped = withoutBuildCommand(toml);
    expect(stripped).not.toMatch(/^\[build\]|^command = |^watch_dir = /m);
    const tables = (text: string) => text.match(/^\[\[?[\w.]+\]\]?$/gm) ?? [];
    expect(tables(stripped)).toEqual(tables(toml).filter((t) => t !== '[build]'));
    expect(withoutBuildCommand('[a]\nx = 1\n[build]\ncommand = "b"\n\n[c]\ny = 2\n')).toBe('[a]\nx = 1\n[c]\ny = 2\n');
  });
});
