#!/usr/bin/env node
// `pymem` entry. In a checkout (tsx installed) it runs the TypeScript sources, so it is never
// stale; without tsx it runs the compiled CLI from `npm run build` (dist/).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/run.js', import.meta.url);

async function load() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return await import('../src/cli/run.ts');
  } catch (error) {
    if (!existsSync(compiled)) throw error;
    return import(compiled.href);
  }
}

const { main } = await load();
await main();
