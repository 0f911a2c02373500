import { existsSync, readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import type { Tip } from '../knowledge/types.js';
import type { KnowledgeArtifact } from '../retrieval/index-artifacts.js';
import { EXIT, runCli } from './main.js';

/** The `pymem` process: real stdio, the package version, and the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await runCli(argv, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      readStdin: () => text(process.stdin),
      version: packageVersion(),
      knowledge: builtKnowledge,
    });
  } catch (error) {
    process.stderr.write(`pymem: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.usage;
  }
}

/**
 * The units of the built index (`npm run build:index`, shipped in the package), found from
 * `src/cli/` or from the compiled `dist/src/cli/`; none when there is no build.
 */
function builtKnowledge(): readonly Tip[] | undefined {
  for (const relative of ['../../build/index/knowledge.json', '../../../build/index/knowledge.json']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as KnowledgeArtifact).tips;
  }
  return undefined;
}

/** The version in package.json, found from `src/cli/` or from the compiled `dist/src/cli/`. */
function packageVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return '0.0.0';
}
