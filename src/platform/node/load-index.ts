import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../../retrieval/embedder-config.js';
import type { Embedder } from '../../retrieval/embedder.js';
import type { VectorIndexFile } from '../../retrieval/facet-vectors.js';
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
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  let manifestText: string;
  try {
    manifestText = await read(INDEX_FILES.manifest);
  } catch {
    throw new Error(`No index at ${dir}: run \`npm run build:index\` first.`);
  }
  return loadRetriever(
    {
      manifest: JSON.parse(manifestText) as IndexManifest,
      knowledge: JSON.parse(await read(INDEX_FILES.knowledge)) as KnowledgeArtifact,
      lexicalJson: await read(INDEX_FILES.lexical),
      vectors: JSON.parse(await read(INDEX_FILES.vectors)) as VectorIndexFile,
      wordVectors: await readFile(join(dir, INDEX_FILES.wordVectors)),
    },
    embedder,
    options,
  );
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
