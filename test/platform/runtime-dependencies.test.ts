import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a production install (`npm ci --omit=dev`, docs/install.md) runs: the Node server and the
 * `pymem` CLI, compiled. Their entry points here; `src/client.ts` is types for consumers.
 */
const RUNTIME_ENTRY_POINTS = ['src/node.ts', 'src/cli/run.ts'];

/**
 * Dependencies no runtime file imports, kept in `dependencies` on purpose: each one's reason.
 * Anything else only the build, the Worker bundle or the tests use belongs in devDependencies.
 */
const KEPT_WITHOUT_RUNTIME_IMPORT: Record<string, string> = {
  '@cfworker/json-schema':
    "the MCP SDK's optional peer, loaded by its `validation/cfworker` entry that the MCP server uses",
  '@lezer/common': 'types of the parse trees in the shipped declarations (the analyzer API)',
  'discord-api-types': 'types of the Discord payloads in the shipped declarations (the typed client)',
};

/** The packages (not their subpaths) that the bundled entry points import at run time; `import type` is erased. */
async function packagesImportedAtRunTime(): Promise<Set<string>> {
  const result = await build({
    entryPoints: RUNTIME_ENTRY_POINTS,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (!external || path.startsWith('node:')) continue;
      const parts = path.split('/');
      packages.add(path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? path));
    }
  }
  return packages;
}

describe('package.json dependencies (what a production install gets)', () => {
  it('holds every package the server and the CLI import at run time, and nothing only the build or the tests need', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const imported = await packagesImportedAtRunTime();
    expect(imported.size).toBeGreaterThan(10);
    const missing = [...imported].filter((name) => !(name in manifest.dependencies)).sort();
    expect(missing, 'imported at run time but not in dependencies').toEqual([]);
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !imported.has(name) && !(name in KEPT_WITHOUT_RUNTIME_IMPORT),
    );
    expect(
      unused,
      'in dependencies but only the build, the Worker or the tests use them: move them to devDependencies',
    ).toEqual([]);
    for (const name of Object.keys(KEPT_WITHOUT_RUNTIME_IMPORT)) expect(manifest.dependencies).toHaveProperty([name]);
  });

  it('locks no package whose engines exclude the Node versions package.json promises (npm ci prints no EBADENGINE)', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } };
    const lock = JSON.parse(await readFile(`${ROOT}package-lock.json`, 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    const lowest = semver.minVersion(manifest.engines.node)?.version ?? '';
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
    const excluding = Object.entries(lock.packages)
      .filter(([, p]) => typeof p.engines?.node === 'string')
      .filter(
        ([, p]) =>
          !semver.satisfies(lowest, p.engines?.node ?? '*') ||
          !semver.satisfies(process.version, p.engines?.node ?? '*'),
      )
      .map(([path, p]) => `${path} (node ${p.engines?.node})`);
    expect(excluding).toEqual([]);
  });
});
