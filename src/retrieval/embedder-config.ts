import { z } from 'zod';
import type { Embedder } from './embedder.js';
import { createOpenAiCompatibleEmbedder } from './openai-compatible-embedder.js';
import { DEFAULT_WORKERS_AI_MODEL, WorkersAiEmbedder, type WorkersAiBinding } from './workers-ai-embedder.js';

const optionalText = z.string().trim().min(1).optional().catch(undefined);

/** Embedder settings, from the environment (Node) or the Worker's vars and secrets. */
export const embedderConfigSchema = z
  .object({
    /** `default` (offline GloVe SIF), `openai` (any OpenAI-compatible /v1/embeddings) or `workers-ai` (the `AI` binding). */
    EMBEDDER: z.enum(['default', 'openai', 'workers-ai']).default('default'),
    EMBEDDINGS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    EMBEDDINGS_MODEL: z.string().trim().min(1).optional(),
    EMBEDDINGS_API_KEY: optionalText,
    EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(8192).optional(),
    EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    WORKERS_AI_MODEL: z.string().trim().min(1).default(DEFAULT_WORKERS_AI_MODEL),
    WORKERS_AI_DIMENSIONS: z.coerce.number().int().min(1).max(8192).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.EMBEDDER !== 'openai') return;
    for (const key of ['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_MODEL'] as const) {
      if (!config[key])
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when EMBEDDER=openai` });
    }
  });

export type EmbedderConfig = z.infer<typeof embedderConfigSchema>;

/** Parses embedder settings or throws one readable error listing every bad variable. */
export function parseEmbedderConfig(env: Readonly<Record<string, unknown>>): EmbedderConfig {
  const parsed = embedderConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid embedder configuration:\n${lines.join('\n')}`);
}

export interface EmbedderPlatform {
  /** The Workers AI binding (`env.AI` on the Worker, a REST-backed one in Node). */
  readonly ai?: WorkersAiBinding | undefined;
  readonly fetch?: typeof fetch;
}

/**
 * The configured embedder, or `undefined` for the default one (it is built over the index's own
 * word-vector table by `loadRetriever`).
 *
 * @example
 * const embedder = await createConfiguredEmbedderFrom(parseEmbedderConfig(env), { ai: env.AI });
 */
export async function createConfiguredEmbedderFrom(
  config: EmbedderConfig,
  platform: EmbedderPlatform = {},
): Promise<Embedder | undefined> {
  switch (config.EMBEDDER) {
    case 'default':
      return undefined;
    case 'openai':
      return createOpenAiCompatibleEmbedder({
        baseUrl: config.EMBEDDINGS_BASE_URL ?? '',
        model: config.EMBEDDINGS_MODEL ?? '',
        apiKey: config.EMBEDDINGS_API_KEY,
        dimensions: config.EMBEDDINGS_DIMENSIONS,
        timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
        ...(platform.fetch ? { fetch: platform.fetch } : {}),
      });
    case 'workers-ai':
      if (!platform.ai) {
        throw new Error(
          'EMBEDDER=workers-ai needs the Workers AI binding: add `[ai] binding = "AI"` to wrangler.toml (in Node, set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN).',
        );
      }
      return new WorkersAiEmbedder({
        ai: platform.ai,
        model: config.WORKERS_AI_MODEL,
        dimensions: config.WORKERS_AI_DIMENSIONS,
      });
  }
}
