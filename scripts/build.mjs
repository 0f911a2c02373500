#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`: the index, the API reference page's files, the widget and the compiled server
 * (`dist/`), each rebuilt only when something it is made from changed. `npm start`, `npm run dev`,
 * `npm test` and `npm run eval` run it first, so a warm start costs a few hashes, not a compile.
 *
 *   node scripts/build.mjs                  every step
 *   node scripts/build.mjs index widget     only these steps (index, docs, widget, server)
 *   node scripts/build.mjs --force          run the steps even when they look current
 *
 * Plain JavaScript on purpose: it decides whether TypeScript tooling (tsx, tsc) has to start at all.
 * A step is current when the content of its inputs, the environment variables it reads and its
 * outputs all hash to what it recorded after its last run (`build/fingerprints/<step>.json`).
 * Its inputs are the local files its script's module graph imports (found by esbuild, so a new
 * import is picked up by itself), the data folders it reads, and package-lock.json (the versions
 * of every package it uses). When a step is stale its own command runs, which keeps its own
 * finer check (the index and the widget skip work whose inputs did not change).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * @typedef {object} BuildStep
 * @property {string} name           what the command line calls it
 * @property {string} label          what the report calls it
 * @property {string[]} [entries]    scripts whose local module graph (esbuild) is an input
 * @property {string[]} [inputs]     files or folders (every file under them) that are inputs
 * @property {string[]} [env]        environment variables that change the output
 * @property {string[]} outputs      files the step writes; missing or changed ones make it stale
 * @property {string[]} command      run with `node`: a script and its arguments
 */

const tsx = (/** @type {string} */ script, /** @type {string[]} */ ...args) => [
  require.resolve('tsx/cli'),
  script,
  ...args,
];

/** @type {BuildStep[]} */
export const STEPS = [
  {
    name: 'index',
    label: 'index',
    entries: ['scripts/build-index.ts'],
    inputs: ['knowledge', 'package-lock.json'],
    // The embedder's identity; keys and tokens do not change what is built.
    env: [
      'EMBEDDER',
      'EMBEDDINGS_BASE_URL',
      'EMBEDDINGS_MODEL',
      'EMBEDDINGS_DIMENSIONS',
      'CLOUDFLARE_ACCOUNT_ID',
      'CLOUDFLARE_API_BASE_URL',
    ],
    outputs: ['build/index/manifest.json', 'build/word-vectors.bin', 'build/public/_index/manifest.json'],
    command: tsx('scripts/build-index.ts', '--if-stale'),
  },
  {
    name: 'docs',
    label: 'API reference files',
    entries: ['scripts/build-docs-assets.ts'],
    inputs: ['package-lock.json'],
    outputs: [
      'build/public/docs/swagger-ui-bundle.js',
      'build/public/docs/swagger-ui.css',
      'build/public/docs/favicon-32x32.png',
    ],
    command: tsx('scripts/build-docs-assets.ts'),
  },
  {
    name: 'widget',
    label: 'widget',
    entries: ['scripts/build-widget.ts', 'widget/src/index.ts'],
    inputs: ['package-lock.json'],
    outputs: ['build/public/widget.js'],
    command: tsx('scripts/build-widget.ts', '--if-stale'),
  },
  {
    name: 'server',
    label: 'server (dist/)',
    // Every file tsc compiles or copies (JSON imports), its settings, and the types of the packages.
    entries: ['scripts/build-server.mjs'],
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    outputs: ['dist/src/node.js', 'dist/.tsbuildinfo', 'dist/src/retrieval/facet-dots.wasm'],
    command: ['scripts/build-server.mjs'],
  },
];

/**
 * Runs the steps that are stale, in order, and returns which ran.
 *
 * @param {readonly BuildStep[]} steps
 * @param {{ root?: string, force?: boolean, env?: NodeJS.ProcessEnv, log?: (line: string) => void }} [options]
 * @returns {Promise<{ name: string, ran: boolean }[]>}
 */
export async function ensureBuilt(steps, options = {}) {
  const { root = ROOT, force = false, env = process.env, log = (line) => console.log(line) } = options;
  const results = [];
  for (const step of steps) {
    const stampFile = join(root, 'build', 'fingerprints', `${step.name}.json`);
    const inputs = await inputFingerprint(step, root, env);
    const recorded = await readJson(stampFile);
    const current =
      !force && recorded?.inputs === inputs && recorded?.outputs === (await outputFingerprint(step, root));
    if (!current) {
      log(`build: ${step.label}…`);
      await run(step.command, root, env);
      await mkdir(join(root, 'build', 'fingerprints'), { recursive: true });
      const outputs = await outputFingerprint(step, root);
      if (outputs === undefined) throw new Error(`build step "${step.name}" did not write ${step.outputs.join(', ')}`);
      await writeFile(stampFile, `${JSON.stringify({ inputs, outputs }, null, 1)}\n`);
    }
    results.push({ name: step.name, ran: !current });
  }
  return results;
}

/**
 * The hash of everything a step is made from: its command, the environment it reads, and the
 * path and content of each input file.
 *
 * @param {BuildStep} step
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 */
export async function inputFingerprint(step, root, env) {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      command: step.command.map((part) => relative(root, part) || part),
      env: (step.env ?? []).map((name) => [name, env[name] ?? null]),
    }),
  );
  const files = await inputFiles(step, root);
  const contents = await Promise.all(files.map((file) => readFile(join(root, file))));
  files.forEach((file, i) => hash.update(`\0${file}\0`).update(/** @type {Buffer} */ (contents[i])));
  return hash.digest('hex');
}

/**
 * Every input file of a step, repository-relative and sorted: the local modules its entries
 * import (transitively) and the files under its input folders.
 *
 * @param {BuildStep} step
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function inputFiles(step, root) {
  const files = new Set(step.entries ?? []);
  if (step.entries?.length) for (const file of await localModuleGraph(step.entries, root)) files.add(file);
  for (const input of step.inputs ?? []) for (const file of await filesUnder(root, input)) files.add(file);
  return [...files].sort();
}

/** @param {string[]} entries @param {string} root */
async function localModuleGraph(entries, root) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: entries.map((entry) => join(root, entry)),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    loader: { '.md': 'empty' },
    write: false,
    metafile: true,
    outdir: join(root, 'build', 'fingerprints', 'graph'),
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes('node_modules'))
    .map((file) => file.split('/').join(sep));
}

/** @param {string} root @param {string} path @returns {Promise<string[]>} */
async function filesUnder(root, path) {
  const entries = await readdir(join(root, path), { withFileTypes: true, recursive: true }).catch((error) => {
    if (error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (entries === null) return [path];
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

/**
 * The hash of the step's outputs, or `undefined` when one is missing.
 *
 * @param {BuildStep} step
 * @param {string} root
 */
async function outputFingerprint(step, root) {
  const hash = createHash('sha256');
  for (const file of step.outputs) {
    const bytes = await readFile(join(root, file)).catch(() => undefined);
    if (!bytes) return undefined;
    hash.update(`\0${file}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** @param {string} file @returns {Promise<{ inputs?: string, outputs?: string } | undefined>} */
async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @param {string[]} command @param {string} cwd @param {NodeJS.ProcessEnv} env */
function run(command, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve(undefined)
        : reject(
            new Error(
              `\`node ${command.map((p) => relative(cwd, p) || p).join(' ')}\` failed (${signal ?? `exit ${code}`})`,
            ),
          ),
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown build step ${unknown.join(', ')}: the steps are ${STEPS.map((s) => s.name).join(', ')}.`);
    process.exit(2);
  }
  const started = performance.now();
  try {
    const results = await ensureBuilt(
      STEPS.filter((step) => names.length === 0 || names.includes(step.name)),
      { force: args.includes('--force') },
    );
    const current = results.filter((r) => !r.ran).map((r) => STEPS.find((s) => s.name === r.name)?.label);
    const ms = Math.round(performance.now() - started);
    if (current.length === results.length) console.log(`build: ${current.join(', ')} current (${ms} ms)`);
    else
      console.log(
        `build: done in ${(ms / 1000).toFixed(1)} s${current.length ? ` (${current.join(', ')} current)` : ''}`,
      );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
