import { createJsonLogger } from '../../logger.js';
import type { Embedder } from '../../retrieval/embedder.js';
import {
  INDEX_ASSETS_FOLDER,
  INDEX_FILES,
  type IndexManifest,
  type KnowledgeArtifact,
} from '../../retrieval/index-artifacts.js';
import facetDots from '../../retrieval/facet-dots.wasm';
import { loadRetriever, type LoadedIndex, type RetrieverOptions } from '../../retrieval/load-retriever.js';

const logger = createJsonLogger();

/** The Workers Static Assets binding (`[assets] binding = "ASSETS"`), as far as it is used here. */
export interface AssetsBindingLike {
  fetch(request: Request): Promise<Response>;
}

/** The index is missing from the Worker's static assets, or one of its files could not be read. */
export class IndexAssetsError extends Error {
  override readonly name = 'IndexAssetsError';
}

/**
 * The build's index, read from the Worker's static assets (`build/public/_index/`, which
 * `npm run build:index` fills) through the `ASSETS` binding: no network, and no part of the
 * Worker's script. Bundled, the index grew the script with the knowledge (3.04 MiB gzipped at
 * 1,000 units, over the Free plan's 3 MiB); as assets each file may reach 25 MiB and the script
 * stays the code alone. Without an `embedder`, queries use the default one; a failing one is
 * logged unless `options` says otherwise.
 *
 * @example const index = await loadIndexFromAssets(env.ASSETS);
 */
export async function loadIndexFromAssets(
  assets: AssetsBindingLike,
  embedder?: Embedder,
  options: RetrieverOptions = {},
): Promise<LoadedIndex> {
  const [manifest, knowledge, tables, wordVectors] = await Promise.all([
    readIndexAsset(assets, INDEX_FILES.manifest).then(async (r) => (await r.json()) as IndexManifest),
    readIndexAsset(assets, INDEX_FILES.knowledge).then(async (r) => (await r.json()) as KnowledgeArtifact),
    readIndexAsset(assets, INDEX_FILES.tables).then((r) => r.arrayBuffer()),
    readIndexAsset(assets, INDEX_FILES.wordVectors).then((r) => r.arrayBuffer()),
  ]);
  return loadRetriever({ manifest, knowledge, tables, wordVectors }, embedder, {
    // Bundled by wrangler as a compiled module: a Worker may not compile WebAssembly from bytes.
    facetDots,
    onEmbedderError: logEmbedderError,
    ...options,
  });
}

async function readIndexAsset(assets: AssetsBindingLike, name: string): Promise<Response> {
  // The binding only reads the path; the host is a placeholder that never resolves.
  const response = await assets.fetch(new Request(`https://assets.invalid/${INDEX_ASSETS_FOLDER}/${name}`));
  if (!response.ok) {
    throw new IndexAssetsError(
      `the index file ${INDEX_ASSETS_FOLDER}/${name} is not in the Worker's static assets (HTTP ${response.status}): run \`npm run build:index\` before \`wrangler dev\` or \`wrangler deploy\``,
    );
  }
  return response;
}

/** A failing remote embedder (Workers AI, an OpenAI-compatible endpoint) degrades search; say so in `wrangler tail`. */
function logEmbedderError(error: unknown): void {
  logger.error('embedder_failed', { error: String(error) });
}
