import { createConfiguredEmbedderFrom, parseEmbedderConfig } from '../retrieval/embedder-config.js';
import type { Embedder } from '../retrieval/embedder.js';
import { createWorkersAiRestBinding } from '../retrieval/workers-ai-embedder.js';

/**
 * The embedder the environment asks for, in Node (server, index build, eval), or `undefined`
 * for the default. `EMBEDDER=workers-ai` reaches Workers AI over Cloudflare's REST API with
 * `CLOUDFLARE_ACCOUNT_ID` and `CLOUDFLARE_API_TOKEN` (`CLOUDFLARE_API_BASE_URL` overrides the host).
 *
 * @example
 * const index = await loadIndexFromDisk('build/index', await createConfiguredEmbedder(process.env));
 */
export async function createConfiguredEmbedder(env: Readonly<Record<string, string | undefined>>): Promise<Embedder | undefined> {
  const config = parseEmbedderConfig(env);
  const { CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_API_TOKEN: apiToken, CLOUDFLARE_API_BASE_URL: baseUrl } = env;
  const ai =
    config.EMBEDDER === 'workers-ai' && accountId && apiToken
      ? createWorkersAiRestBinding({ accountId, apiToken, ...(baseUrl ? { baseUrl } : {}) })
      : undefined;
  return createConfiguredEmbedderFrom(config, { ai });
}
