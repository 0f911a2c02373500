import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import type { LoadedIndex } from '../../src/retrieval/load-retriever.js';

/** The index `npm test` builds (or finds current) before the suite runs. */
export const BUILT_INDEX_DIR = fileURLToPath(new URL('../../build/index/', import.meta.url));

let loaded: Promise<LoadedIndex> | undefined;

export function builtIndex(): Promise<LoadedIndex> {
  return (loaded ??= loadIndexFromDisk(BUILT_INDEX_DIR));
}

export async function testApp() {
  return createApp({ index: await builtIndex(), logger: silentLogger });
}
