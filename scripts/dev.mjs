#!/usr/bin/env node
// @ts-check
/**
 * `npm run dev`: the Worker in workerd (`wrangler dev`), with what it serves built first and the
 * local D1 database migrated. Offline and quiet by default: wrangler neither downloads the
 * `Request.cf` object, nor sends telemetry or error reports, nor asks npm for a newer version
 * (each can be turned back on by setting its variable). It listens on the `[dev]` port of
 * wrangler.toml, 8788, so it runs next to `npm start` (the Node server, 8787).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt, STEPS } from './build.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

/** What `npm run dev` sets unless already set: wrangler and miniflare with no network of their own. */
export const OFFLINE_DEFAULTS = {
  // miniflare fetches the `request.cf` object from workers.cloudflare.com; a placeholder is used instead.
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  // The banner is where wrangler asks the npm registry for a newer version.
  WRANGLER_HIDE_BANNER: 'true',
};

/**
 * The environment for wrangler: the caller's, with the offline defaults where it sets nothing.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function devEnvironment(env) {
  return { ...OFFLINE_DEFAULTS, ...env };
}

/**
 * The port `wrangler dev` listens on: `port` under `[dev]` in wrangler.toml.
 *
 * @param {string} toml
 */
export function devPort(toml) {
  const dev = /^\[dev\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const port = /^\s*port\s*=\s*(\d+)\s*$/m.exec(dev)?.[1];
  if (!port) throw new Error('wrangler.toml has no `port` under [dev]');
  return Number(port);
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @returns {Promise<number>} */
function wrangler(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('wrangler/bin/wrangler.js'), ...args], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    // Ctrl+C reaches wrangler too (same terminal); on SIGTERM it is passed on, so workerd stops with it.
    const forward = () => child.kill('SIGINT');
    process.on('SIGTERM', forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 0 : 1));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.on('SIGINT', () => {}); // wrangler gets it from the terminal; exit when it does.
  const env = devEnvironment(process.env);
  const port = devPort(readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8'));
  await ensureBuilt(STEPS.filter((step) => step.name !== 'server'));
  const migrated = await wrangler(['d1', 'migrations', 'apply', 'DB', '--local'], env);
  if (migrated !== 0) process.exit(migrated);
  const offline = Object.keys(OFFLINE_DEFAULTS).every(
    (name) => env[name] === OFFLINE_DEFAULTS[/** @type {keyof typeof OFFLINE_DEFAULTS} */ (name)],
  );
  console.log(
    [
      '',
      `pymem-assistant on Workers (wrangler dev, workerd): http://localhost:${port}  (demo page /, API reference /docs)`,
      offline
        ? 'Offline and quiet: no Request.cf download, no telemetry, no update check (set CLOUDFLARE_CF_FETCH_ENABLED, WRANGLER_SEND_METRICS to change).'
        : "Some of wrangler's network features are on (CLOUDFLARE_CF_FETCH_ENABLED, WRANGLER_SEND_METRICS, WRANGLER_SEND_ERROR_REPORTS, WRANGLER_HIDE_BANNER are set).",
      `The Node server (npm start) uses port 8787, so both can run at once. Ctrl+C stops workerd too.`,
      '',
    ].join('\n'),
  );
  process.exit(await wrangler(['dev', ...process.argv.slice(2)], env));
}
