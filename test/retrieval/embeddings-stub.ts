import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashedNgramEmbedder } from '../../src/retrieval/hashed-ngram-embedder.js';

export interface RecordedEmbeddingRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

/** How the stub answers the next request instead of embedding. */
export type StubFault =
  { readonly status: number; readonly body?: string } | { readonly kind: 'wrong-count' | 'not-json' | 'hang' };

/**
 * A real HTTP server on 127.0.0.1 speaking two embedding APIs with deterministic vectors (hashed
 * n-grams, so texts that share words get similar vectors and an index built through it can be
 * searched):
 * - OpenAI-compatible `POST /v1/embeddings` (`{ model, input, dimensions? }`), default 64 dims;
 *   it returns the `data` items in reverse order, as the API allows, to prove clients sort by `index`;
 * - Cloudflare's REST `POST /client/v4/accounts/:account/ai/run/:model` (`{ text }`), 384 dims.
 */
export interface EmbeddingsStub {
  /** `http://127.0.0.1:PORT/v1` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT/client/v4` */
  readonly cloudflareBaseUrl: string;
  readonly requests: RecordedEmbeddingRequest[];
  /** Queues faults; each request takes the next one before falling back to embedding. */
  fail(...faults: StubFault[]): void;
  close(): Promise<void>;
}

export async function startEmbeddingsStub(): Promise<EmbeddingsStub> {
  const requests: RecordedEmbeddingRequest[] = [];
  const faults: StubFault[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    requests.push({ path: req.url ?? '', headers: req.headers, body });
    const fault = faults.shift();
    if (fault && 'status' in fault)
      return send(res, fault.status, fault.body ?? '{"error":{"message":"scripted failure"}}');
    if (fault?.kind === 'hang') return void hanging.add(res);
    if (fault?.kind === 'not-json') return send(res, 200, '<html>proxy error</html>');

    if (req.method === 'POST' && req.url === '/v1/embeddings') {
      const input = body.input as string[];
      const dims = typeof body.dimensions === 'number' ? body.dimensions : 64;
      const vectors = await new HashedNgramEmbedder({ dimensions: dims }).embed(input);
      const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding }));
      if (fault?.kind === 'wrong-count') data.pop();
      return send(
        res,
        200,
        JSON.stringify({
          object: 'list',
          model: body.model,
          data: data.reverse(),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    }
    const run = req.url?.match(/^\/client\/v4\/accounts\/([^/]+)\/ai\/run\/(.+)$/);
    if (req.method === 'POST' && run) {
      const text = body.text as string[];
      const data = await new HashedNgramEmbedder({ dimensions: 384 }).embed(text);
      return send(
        res,
        200,
        JSON.stringify({ result: { shape: [data.length, 384], data }, success: true, errors: [], messages: [] }),
      );
    }
    send(res, 404, '{"error":"no such route"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    cloudflareBaseUrl: `http://127.0.0.1:${port}/client/v4`,
    requests,
    fail: (...more) => void faults.push(...more),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}
