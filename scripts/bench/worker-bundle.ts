import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { INDEX_ASSETS_FOLDER, RUNTIME_INDEX_FILES } from '../../src/retrieval/index-artifacts.js';

/** One file of the upload, as built by `wrangler deploy --dry-run --outdir`. */
export interface BundleFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** What went into worker.js, from esbuild's metafile, grouped by package (or by source folder). */
export interface BundleInput {
  readonly name: string;
  readonly bytes: number;
}

export interface WorkerBundleResult {
  /** Wrangler's own figures ("Total Upload: X KiB / gzip: Y KiB"). */
  readonly wranglerKiB: number;
  readonly wranglerGzipKiB: number;
  /** The modules uploaded (worker.js, the word table, the prompts); source maps and README left out. */
  readonly files: readonly BundleFile[];
  /** All modules gzipped as one stream, as wrangler reports it. */
  readonly totalBytes: number;
  readonly totalGzipBytes: number;
  /**
   * The index's files among the static assets (`build/public/_index/`): uploaded beside the script,
   * not part of it, each within the 25 MiB an asset may have.
   */
  readonly indexAssets: readonly BundleFile[];
  /** Biggest contributors to the main module. */
  readonly inputs: readonly BundleInput[];
  readonly outDir: string;
  /** The main module's file name (`worker.js` for the service). */
  readonly mainModule: string;
}

/**
 * Builds the Worker as `wrangler deploy` would, without deploying, and measures what would be
 * uploaded. `entry` builds another entry with the same wrangler.toml (aliases, rules).
 *
 * @example
 * const bundle = await buildWorkerBundle({ rootDir, outDir: '/tmp/bench/worker' });
 * bundle.wranglerGzipKiB; // 1234.5
 */
export async function buildWorkerBundle(options: {
  rootDir: string;
  outDir: string;
  entry?: string;
}): Promise<WorkerBundleResult> {
  await rm(options.outDir, { recursive: true, force: true });
  const metafile = `${options.outDir}.meta.json`;
  const args = [
    'wrangler',
    'deploy',
    ...(options.entry ? [options.entry] : []),
    '--dry-run',
    '--outdir',
    options.outDir,
    '--metafile',
    metafile,
  ];
  const { stdout, stderr } = await promisify(execFile)('npx', args, {
    cwd: options.rootDir,
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      WRANGLER_SEND_METRICS: 'false',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  const total = /Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/.exec(`${stdout}\n${stderr}`);
  if (!total) throw new Error(`wrangler printed no "Total Upload" line:\n${stdout}\n${stderr}`);

  const names = (await readdir(options.outDir)).filter((n) => !n.endsWith('.map') && n !== 'README.md').sort();
  const contents = await Promise.all(names.map((n) => readFile(join(options.outDir, n))));
  const files = names.map((name, i) => {
    const content = contents[i] ?? Buffer.alloc(0);
    return { name, bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
  });
  const all = Buffer.concat(contents);
  const indexDir = join(options.rootDir, 'build', 'public', INDEX_ASSETS_FOLDER);
  const indexAssets = await Promise.all(
    RUNTIME_INDEX_FILES.map(async (name) => {
      const content = await readFile(join(indexDir, name));
      return { name, bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
    }),
  );
  const mainModule = names.find((n) => n.endsWith('.js'));
  if (!mainModule) throw new Error(`wrangler wrote no .js module to ${options.outDir}`);
  return {
    wranglerKiB: Number(total[1]),
    wranglerGzipKiB: Number(total[2]),
    files: files.sort((a, b) => b.bytes - a.bytes),
    indexAssets,
    totalBytes: all.byteLength,
    totalGzipBytes: gzipSync(all).byteLength,
    inputs: await bundleInputs(metafile),
    outDir: options.outDir,
    mainModule,
  };
}

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

/** worker.js's inputs by package (`node_modules/<pkg>`) or source folder (`src/retrieval`), biggest first. */
async function bundleInputs(metafile: string): Promise<BundleInput[]> {
  const meta = JSON.parse(await readFile(metafile, 'utf8')) as Metafile;
  const output = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js'))?.[1];
  const sizes = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
      path
        .replace(/^(\.\.\/)+/, '')
        .split('/')
        .slice(0, 2)
        .join('/');
    sizes.set(group, (sizes.get(group) ?? 0) + bytesInOutput);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
