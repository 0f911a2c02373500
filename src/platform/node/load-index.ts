import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../../retrieval/embedder-config.js';
import type { Embedder } from '../../retrieval/embedder.js';
import { INDEX_FILES, type IndexManifest, type KnowledgeArtifact } from '../../retrieval/index-artifacts.js';
import { loadRetriever, type LoadedIndex, type RetrieverOptions } from '../../retrieval/load-retriever.js';
import { createWorkersAiRestBinding } from '../../retrieval/workers-ai-embedder.js';

/**
 * Loads a built index folder from disk. Without an `embedder`, queries use the default one over
 * the index's own word-vector table.
 *
 * @example
 * const index = await loadIndexFromDisk('build/index');
 */
export async function loadIndexFromDisk(
  dir: string,
  embedder?: Embedder,
  options?: RetrieverOptions,
): Promise<LoadedIndex> {
  // Read synchronously: this runs once, at start-up, before the server listens, and each
  // asynchronous read is several trips through the thread pool (open, stat, chunks, close) that a
  // busy machine makes wait; read at once, the files cost what copying them costs (issue 15).
  const read = (name: string) => readFileSync(join(dir, name));
  let manifestText: string;
  try {
    manifestText = read(INDEX_FILES.manifest).toString('utf8');
  } catch {
    throw new Error(`No index at ${dir}: run \`npm run build:index\` first.`);
  }
  const knowledgeText = read(INDEX_FILES.knowledge).toString('utf8');
  const tables = read(INDEX_FILES.tables);
  const wordVectors = read(INDEX_FILES.wordVectors);
  return loadRetriever(
    {
      manifest: JSON.parse(manifestText) as IndexManifest,
      knowledge: JSON.parse(knowledgeText) as KnowledgeArtifact,
      tables,
      wordVectors,
    },
    embedder,
    { facetDots: facetDotsModule(), ...options },
  );
}

/** `facet-dots.wasm`, beside the module that uses it: in `src/` (tsx, vitest) and in `dist/src/` (copied by the build). */
const FACET_DOTS_FILE = new URL('../../retrieval/facet-dots.wasm', import.meta.url);
let facetDots: WebAssembly.Module | undefined;

/**
 * The facet-similarity kernel (see FacetDotsKernel), compiled once per process: a few hundred
 * bytes, so compiling synchronously costs less than the promise it would take.
 */
export function facetDotsModule(): WebAssembly.Module {
  if (!facetDots) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(readFileSync(FACET_DOTS_FILE));
    } catch {
      throw new Error(`No ${FACET_DOTS_FILE.pathname}: run \`npm run build\` (it copies the kernel into dist/).`);
    }
    facetDots = new WebAssembly.Module(bytes);
  }
  return facetDots;
}

/**
 * The embedder the environment asks for, in Node (server, index build, eval), or `undefined`
 * for the default. `EMBEDDER=workers-ai` reaches Workers AI over Cloudflare's REST API with
 * `CLOUDFLARE_ACCOUNT_ID` and `CLOUDFLARE_API_TOKEN` (`CLOUDFLARE_API_BASE_URL` overrides the host).
 *
 * @example
 * const index = await loadIndexFromDisk('build/index', await createConfiguredEmbedder(process.env));
 */
export async function createConfiguredEmbedder(
  env: Readonly<Record<string, string | undefined>>,
): Promise<Embedder | undefined> {
  const config = parseEmbedderConfig(env);
  const { CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_API_TOKEN: apiToken, CLOUDFLARE_API_BASE_URL: baseUrl } = env;
  const ai =
    config.EMBEDDER === 'workers-ai' && accountId && apiToken
      ? createWorkersAiRestBinding({ accountId, apiToken, ...(baseUrl ? { baseUrl } : {}) })
      : undefined;
  return createConfiguredEmbedderFrom(config, { ai });
}
