import { hc, type ClientRequestOptions } from 'hono/client';
import type { AppType } from './app.js';

export type { AppType } from './app.js';

export interface PymemClientOptions extends ClientRequestOptions {
  /** An API key (`API_KEYS`) or widget key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
}

/**
 * A typed client for the service (Hono RPC, `hono/client`): paths, request bodies and response
 * bodies are checked by the compiler against the routes themselves. Only types come from the
 * server code, so a consumer bundles nothing of it.
 *
 * @example
 * import { createPymemClient } from './src/client.js';
 * const client = createPymemClient('http://localhost:8787', { apiKey: process.env.PYMEM_API_KEY });
 * const res = await client.v1.ask.$post({ json: { question: 'how do I find a memory leak?' } });
 * if (res.ok) {
 *   const answer = await res.json(); // typed: { answer, abstained, citations, examples, … }
 * }
 */
export function createPymemClient(baseUrl: string, options: PymemClientOptions = {}) {
  const { apiKey, ...rest } = options;
  if (!apiKey) return hc<AppType>(baseUrl, rest);
  const headers = rest.headers;
  return hc<AppType>(baseUrl, {
    ...rest,
    headers: async () => ({
      ...(typeof headers === 'function' ? await headers() : headers),
      Authorization: `Bearer ${apiKey}`,
    }),
  });
}

export type PymemClient = ReturnType<typeof createPymemClient>;
