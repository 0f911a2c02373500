/**
 * Compiles the facet-similarity kernel (`src/retrieval/facet-dots.wat`, WebAssembly text) to
 * `src/retrieval/facet-dots.wasm`, which is committed: both platforms load the binary as it is
 * (a Worker may not compile WebAssembly at run time), and `test/retrieval/facet-dots.test.ts`
 * fails when it is not what this script writes from the text.
 *
 *   npm run build:kernel
 */
import { readFile, writeFile } from 'node:fs/promises';
import { FACET_DOTS_BINARY, compileFacetDots } from './lib/facet-dots-kernel.js';

const bytes = await compileFacetDots();
const current = await readFile(FACET_DOTS_BINARY).catch(() => undefined);
if (current?.equals(bytes)) {
  console.log(`facet-dots.wasm: current (${bytes.length} bytes)`);
} else {
  await writeFile(FACET_DOTS_BINARY, bytes);
  console.log(`facet-dots.wasm: written (${bytes.length} bytes)`);
}
