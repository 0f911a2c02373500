/**
 * Copies the API reference page's files (Swagger UI, from the `swagger-ui-dist` package) to
 * `build/public/docs/`, which both platforms serve at `/docs/<file>`: Workers Static Assets on
 * Cloudflare, the static files the Node server loads from `PUBLIC_DIR`. Copies only what changed.
 *
 *   npm run build:docs
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS_ASSET_FILES } from '../src/http/routes/docs.js';

const OUT_DIR = fileURLToPath(new URL('../build/public/docs/', import.meta.url));
const SOURCE_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

async function copyIfChanged(from: string, to: string): Promise<boolean> {
  const bytes = await readFile(from);
  const current = await readFile(to).catch(() => undefined);
  if (current?.equals(bytes)) return false;
  await writeFile(to, bytes);
  return true;
}

await mkdir(OUT_DIR, { recursive: true });
let copied = 0;
for (const name of DOCS_ASSET_FILES) {
  if (await copyIfChanged(join(SOURCE_DIR, name), join(OUT_DIR, name))) copied++;
}
console.log(`docs assets: ${copied} copied, ${DOCS_ASSET_FILES.length - copied} unchanged in build/public/docs/`);
