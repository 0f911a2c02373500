import { z } from 'zod';
import type { Embedder } from './embedder.js';
import { EmbeddingRequestError } from './embedding-request-error.js';

export interface OpenAiCompatibleEmbedderOptions {
  /** The API root that `/embeddings` hangs off, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer …` when set; local servers usually need none. */
  readonly apiKey?: string | undefined;
  /** Vector length. When set it is also sent as `dimensions` (text-embedding-3 models shorten to it). */
  readonly dimensions: number;
  /** Whether to send `dimensions` in requests (only models that support shortening accept it). Default true. */
  readonly sendDimensions?: boolean;
  /** Per request. Default 15 s. */
  readonly timeoutMs?: number;
  /** Texts per request. Default 64. */
  readonly batchSize?: number;
  /** Injected for tests and the Worker; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

/**
 * Any OpenAI-compatible `POST /embeddings` endpoint: OpenAI, Azure-style gateways, Ollama, vLLM,
 * llama.cpp's server, Workers AI's OpenAI-compatible route. The id names the model, not the host,
 * so one model served from two places is the same embedder.
 *
 * @example
 * const embedder = await createOpenAiCompatibleEmbedder({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text' });
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly url: string;

  constructor(private readonly options: OpenAiCompatibleEmbedderOptions) {
    this.id = `openai-compatible:${options.model}`;
    this.dimensions = options.dimensions;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const size = this.options.batchSize ?? 64;
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.request(texts.slice(i, i + size))));
    return out;
  }

  private async request(input: readonly string[]): Promise<number[][]> {
    const vectors = await requestEmbeddings(this.url, this.options, input);
    for (const v of vectors) {
      if (v.length !== this.dimensions) {
        throw new EmbeddingRequestError(
          `${this.url} returned ${v.length}-dimensional vectors for ${this.options.model}; expected ${this.dimensions}.`,
        );
      }
    }
    return vectors;
  }
}

/**
 * Builds the embedder; without `dimensions` it asks the service once to learn the vector length.
 */
export async function createOpenAiCompatibleEmbedder(
  options: Omit<OpenAiCompatibleEmbedderOptions, 'dimensions'> & { readonly dimensions?: number | undefined },
): Promise<OpenAiCompatibleEmbedder> {
  if (options.dimensions !== undefined) {
    return new OpenAiCompatibleEmbedder({
      ...options,
      dimensions: options.dimensions,
      sendDimensions: options.sendDimensions ?? true,
    });
  }
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const [probe] = await requestEmbeddings(url, { ...options, sendDimensions: false }, ['dimension probe']);
  return new OpenAiCompatibleEmbedder({ ...options, dimensions: probe?.length ?? 0, sendDimensions: false });
}

async function requestEmbeddings(
  url: string,
  options: Omit<OpenAiCompatibleEmbedderOptions, 'dimensions'> & { readonly dimensions?: number | undefined },
  input: readonly string[],
): Promise<number[][]> {
  const doFetch = options.fetch ?? fetch;
  const body: Record<string, unknown> = { model: options.model, input, encoding_format: 'float' };
  if (options.sendDimensions !== false && options.dimensions !== undefined) body.dimensions = options.dimensions;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new EmbeddingRequestError(`Embedding request to ${url} failed: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new EmbeddingRequestError(
      `Embedding request to ${url} answered ${response.status}: ${text.slice(0, 300)}`,
      response.status,
    );
  }
  let parsed: z.infer<typeof responseSchema>;
  try {
    parsed = responseSchema.parse(JSON.parse(text));
  } catch (err) {
    throw new EmbeddingRequestError(
      `Embedding response from ${url} is not an OpenAI embeddings list: ${(err as Error).message.slice(0, 300)}`,
      response.status,
      { cause: err },
    );
  }
  if (parsed.data.length !== input.length) {
    throw new EmbeddingRequestError(
      `${url} returned ${parsed.data.length} embeddings for ${input.length} inputs.`,
      response.status,
    );
  }
  return [...parsed.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
}
