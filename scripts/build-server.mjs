#!/usr/bin/env node
// @ts-check
/**
 * The `server` step of `npm run build`: compiles `src/` to `dist/src/` with tsc, then copies the
 * files tsc does not (`.wasm`: the facet-similarity kernel, which Node reads beside the module
 * that loads it, as `src/` has it).
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const src = join(ROOT, 'src');
const entries = await readdir(src, { withFileTypes: true, recursive: true });
for (const entry of entries) {
  if (!entry.isFile() || !entry.name.endsWith('.wasm')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(ROOT, 'dist', relative(ROOT, from));
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}
