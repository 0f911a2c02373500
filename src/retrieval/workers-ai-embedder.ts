import { z } from 'zod';
import type { Embedder } from './embedder.js';
import { EmbeddingRequestError } from './embedding-request-error.js';

/**
 * The part of the Workers AI binding (`env.AI`) this uses. The Worker passes `env.AI`; the Node
 * build passes `createWorkersAiRestBinding(...)`, which calls the same models over Cloudflare's
 * REST API, so an index built in Node serves a Worker.
 */
export interface WorkersAiBinding {
  run(model: string, inputs: { text: string[] }): Promise<unknown>;
}

/** Vector lengths of the Workers AI embedding models, so no probe request is needed for them. */
export const WORKERS_AI_DIMENSIONS: Readonly<Record<string, number>> = {
  '@cf/baai/bge-small-en-v1.5': 384,
  '@cf/baai/bge-base-en-v1.5': 768,
  '@cf/baai/bge-large-en-v1.5': 1024,
  '@cf/baai/bge-m3': 1024,
  '@cf/google/embeddinggemma-300m': 768,
};

export const DEFAULT_WORKERS_AI_MODEL = '@cf/baai/bge-small-en-v1.5';

const outputSchema = z.object({ data: z.array(z.array(z.number())) });

export interface WorkersAiEmbedderOptions {
  readonly ai: WorkersAiBinding;
  /** Default `@cf/baai/bge-small-en-v1.5`. */
  readonly model?: string;
  /** Needed only for models missing from WORKERS_AI_DIMENSIONS. */
  readonly dimensions?: number | undefined;
  /** Texts per call; the bge models take up to 100. */
  readonly batchSize?: number;
}

/**
 * Cloudflare Workers AI text embeddings through the `AI` binding.
 *
 * @example
 * const embedder = new WorkersAiEmbedder({ ai: env.AI, model: '@cf/baai/bge-small-en-v1.5' });
 */
export class WorkersAiEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly model: string;

  constructor(private readonly options: WorkersAiEmbedderOptions) {
    this.model = options.model ?? DEFAULT_WORKERS_AI_MODEL;
    const dimensions = options.dimensions ?? WORKERS_AI_DIMENSIONS[this.model];
    if (dimensions === undefined) {
      throw new Error(`Unknown vector length for Workers AI model ${this.model}: set WORKERS_AI_DIMENSIONS.`);
    }
    this.id = `workers-ai:${this.model}`;
    this.dimensions = dimensions;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const size = this.options.batchSize ?? 100;
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.run(texts.slice(i, i + size))));
    return out;
  }

  private async run(text: string[]): Promise<number[][]> {
    let output: unknown;
    try {
      output = await this.options.ai.run(this.model, { text });
    } catch (err) {
      if (err instanceof EmbeddingRequestError) throw err;
      throw new EmbeddingRequestError(`Workers AI ${this.model} failed: ${(err as Error).message}`, undefined, {
        cause: err,
      });
    }
    const parsed = outputSchema.safeParse(output);
    if (!parsed.success) throw new EmbeddingRequestError(`Workers AI ${this.model} returned no embeddings.`);
    const { data } = parsed.data;
    if (data.length !== text.length || data.some((v) => v.length !== this.dimensions)) {
      throw new EmbeddingRequestError(
        `Workers AI ${this.model} returned ${data.length} vectors of ${data[0]?.length ?? 0} dims for ${text.length} texts; expected ${this.dimensions} dims.`,
      );
    }
    return data;
  }
}

export interface WorkersAiRestOptions {
  readonly accountId: string;
  readonly apiToken: string;
  /** Default `https://api.cloudflare.com/client/v4`. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const restSchema = z.object({ success: z.boolean().optional(), result: z.unknown() });

/** A `WorkersAiBinding` over Cloudflare's REST API (`POST /accounts/:id/ai/run/:model`), for building indexes in Node. */
export function createWorkersAiRestBinding(options: WorkersAiRestOptions): WorkersAiBinding {
  const base = (options.baseUrl ?? 'https://api.cloudflare.com/client/v4').replace(/\/+$/, '');
  return {
    async run(model, inputs) {
      const url = `${base}/accounts/${encodeURIComponent(options.accountId)}/ai/run/${model}`;
      const response = await (options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiToken}` },
        body: JSON.stringify(inputs),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = await response.text();
      if (!response.ok)
        throw new EmbeddingRequestError(
          `Workers AI REST ${model} answered ${response.status}: ${text.slice(0, 300)}`,
          response.status,
        );
      const parsed = restSchema.safeParse(parseJson(text));
      if (!parsed.success || parsed.data.success === false)
        throw new EmbeddingRequestError(`Workers AI REST ${model} failed: ${text.slice(0, 300)}`, response.status);
      return parsed.data.result;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
