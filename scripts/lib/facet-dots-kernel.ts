import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

/** The kernel's source and its committed build (see src/retrieval/facet-dots.ts). */
export const FACET_DOTS_SOURCE = fileURLToPath(new URL('../../src/retrieval/facet-dots.wat', import.meta.url));
export const FACET_DOTS_BINARY = fileURLToPath(new URL('../../src/retrieval/facet-dots.wasm', import.meta.url));

/** `facet-dots.wat` compiled with wabt (SIMD on, no names section): the bytes `facet-dots.wasm` must hold. */
export async function compileFacetDots(): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat(FACET_DOTS_SOURCE, await readFile(FACET_DOTS_SOURCE, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
