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
 * It covers every JSON route: `GET /healthz`, `GET /v1/tips`, `GET /v1/tips/:id`,
 * `POST /v1/search`, `POST /v1/ask`, `POST /v1/analyze`, `POST /v1/feedback`,
 * `GET /v1/feedback/summary`, `GET /openapi.json` (its outline), and the OpenAI-compatible
 * `GET /v1/models`, `GET /v1/models/:model` and `POST /v1/chat/completions`. The event streams
 * (`POST /v1/ask/stream`, `stream: true` completions) are typed as text: read them with an SSE
 * parser. Not in it: `POST /mcp` (use an MCP client), the Slack and Discord webhooks, `/metrics`
 * (Prometheus text) and the pages (`/`, `/docs`, `/widget.js`).
 *
 * In another project, after `npm install <this package>` (docs/client.md):
 *
 * @example
 * import { createPymemClient } from 'pymem-assistant/client';
 * const client = createPymemClient('http://localhost:8787', { apiKey: process.env.PYMEM_API_KEY });
 * const res = await client.v1.ask.$post({ json: { question: 'how do I find a memory leak?' } });
 * if (res.ok) {
 *   const answer = await res.json(); // typed: { answer, abstained, citations, examples, … }
 * }
 */
export function createPymemClient(baseUrl: string, options: PymemClientOptions = {}): PymemClient {
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

/** The client's type: one property per path segment, `$get`/`$post` per method (hono/client). */
export type PymemClient = ReturnType<typeof hc<AppType>>;
