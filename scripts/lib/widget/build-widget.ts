import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';

/** The budget the issue sets: the widget must stay small for every page that embeds it. */
export const WIDGET_GZIP_BUDGET_BYTES = 30 * 1024;

export interface BuildWidgetOptions {
  readonly rootDir: string;
  /** `widget/src`: the TypeScript source. */
  readonly sourceDir: string;
  /** `build/public`: where `widget.js` (and its source map) go. */
  readonly outDir: string;
  /** Skip the build when the sources and the bundled packages are unchanged since the last one. */
  readonly onlyIfStale?: boolean;
}

export interface WidgetBuild {
  readonly built: boolean;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Packages bundled into the widget; their versions are part of the staleness check. */
const BUNDLED_PACKAGES = ['marked', 'eventsource-parser'];

const BANNER =
  '/*! pymem-assistant help widget | bundles marked (MIT, MarkedJS and Christopher Jeffrey) and eventsource-parser (MIT, Espen Hovlandsdal) */';

/**
 * Bundles `widget/src/index.ts` into one minified IIFE, `build/public/widget.js` (with a source
 * map), and fails when it is over {@link WIDGET_GZIP_BUDGET_BYTES} gzipped. With `onlyIfStale`
 * it does nothing when the inputs hash to what `widget.stamp.json` recorded.
 *
 * @example const { gzipBytes } = await buildWidget({ rootDir, sourceDir, outDir, onlyIfStale: true });
 */
export async function buildWidget(options: BuildWidgetOptions): Promise<WidgetBuild> {
  const outFile = join(options.outDir, 'widget.js');
  const stampFile = join(options.rootDir, 'build', 'widget.stamp.json');
  const inputHash = await hashInputs(options);
  if (options.onlyIfStale) {
    const stamp = await readStamp(stampFile);
    if (stamp?.inputHash === inputHash && (await exists(outFile)))
      return { built: false, bytes: stamp.bytes, gzipBytes: stamp.gzipBytes };
  }
  await mkdir(options.outDir, { recursive: true });
  await build({
    entryPoints: [join(options.sourceDir, 'index.ts')],
    outfile: outFile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome96', 'firefox100', 'safari15.4'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    banner: { js: BANNER },
    logLevel: 'warning',
  });
  const code = await readFile(outFile);
  const gzipBytes = gzipSync(code, { level: 9 }).byteLength;
  if (gzipBytes > WIDGET_GZIP_BUDGET_BYTES) {
    throw new Error(`widget.js is ${gzipBytes} bytes gzipped, over the ${WIDGET_GZIP_BUDGET_BYTES}-byte budget.`);
  }
  await writeFile(stampFile, `${JSON.stringify({ inputHash, bytes: code.byteLength, gzipBytes }, null, 2)}\n`);
  return { built: true, bytes: code.byteLength, gzipBytes };
}

async function hashInputs(options: BuildWidgetOptions): Promise<string> {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  for (const name of BUNDLED_PACKAGES) {
    const pkg = JSON.parse(await readFile(join(options.rootDir, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    hash.update(`${name} ${pkg.version}\n`);
  }
  const files = (await readdir(options.sourceDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(`${relative(options.rootDir, file)}\n`).update(await readFile(file));
  hash.update(await readFile(new URL(import.meta.url)));
  return hash.digest('hex');
}

async function readStamp(file: string): Promise<{ inputHash: string; bytes: number; gzipBytes: number } | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { inputHash: string; bytes: number; gzipBytes: number };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}
