import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 for tests: `POST /v1/chat/completions` (JSON,
 * or Server-Sent Events when the request says `stream: true`) and `GET /v1/models`. Replies are
 * scripted per request; every request is recorded with its parsed body, so a test can assert the
 * exact prompt a client sent.
 *
 * @example
 * const stub = await startOpenAiStub();
 * stub.enqueue({ content: 'Use `str.join()` [1].' }, { status: 500 });
 * // point the client at stub.baseUrl (http://127.0.0.1:PORT/v1) …
 * expect(stub.requests[0]?.body.messages[0]?.role).toBe('system');
 * await stub.close();
 */
export interface OpenAiStub {
  /** `http://127.0.0.1:PORT/v1`: what a client takes as its base URL. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every chat completion request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Queues replies; each chat completion request takes the next one. */
  enqueue(...replies: StubReply[]): void;
  /** The reply when the queue is empty (default: a 500 saying nothing was scripted). */
  setDefault(reply: StubReply | ((request: RecordedRequest) => StubReply)): void;
  /** Forgets recorded requests and queued replies. */
  reset(): void;
  close(): Promise<void>;
}

/** What the stub answers to one chat completion request. */
export type StubReply = AnswerReply | ErrorReply | HangReply;

export interface AnswerReply {
  readonly content: string;
  /** How the streamed content is split into `delta`s; default: word by word. */
  readonly chunks?: readonly string[];
  /** Wait this long before the response starts. */
  readonly delayMs?: number;
  /** Wait this long between streamed chunks. */
  readonly chunkDelayMs?: number;
  readonly finishReason?: 'stop' | 'length';
}

export interface ErrorReply {
  readonly status: number;
  /** Default: OpenAI's error shape with a message naming the status. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Accepts the request and never answers (until the client gives up or the stub closes). */
export interface HangReply {
  readonly hang: true;
}

export interface ChatMessage {
  readonly role: string;
  readonly content: string;
}

/** The parts of a chat completion request body tests look at. */
export interface ChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly temperature?: number;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly [key: string]: unknown;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: ChatCompletionRequest;
  /** What the stub answered: an HTTP status, or `hang`. */
  readonly answered: number | 'hang';
}

export interface OpenAiStubOptions {
  /** Default 0 (any free port). */
  readonly port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  readonly apiKey?: string;
  /** Listed by `GET /v1/models`. */
  readonly models?: readonly string[];
}

const NOTHING_SCRIPTED: ErrorReply = {
  status: 500,
  body: { error: { message: 'openai-stub: no reply scripted', type: 'server_error' } },
};

export async function startOpenAiStub(options: OpenAiStubOptions = {}): Promise<OpenAiStub> {
  const requests: RecordedRequest[] = [];
  const queue: StubReply[] = [];
  let fallback: StubReply | ((request: RecordedRequest) => StubReply) = NOTHING_SCRIPTED;
  let served = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    if (req.method === 'GET' && /^(\/v1)?\/models$/.test(path)) {
      const data = (options.models ?? ['stub-model']).map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'openai-stub',
      }));
      sendJson(res, 200, { object: 'list', data });
      return;
    }
    if (req.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(path)) {
      sendJson(res, 404, {
        error: { message: `openai-stub: no route ${req.method} ${path}`, type: 'invalid_request_error' },
      });
      return;
    }
    const raw = await readBody(req);
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(raw) as ChatCompletionRequest;
    } catch {
      sendJson(res, 400, { error: { message: 'openai-stub: body is not JSON', type: 'invalid_request_error' } });
      return;
    }
    const unauthorized = options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`;
    const pending = { method: req.method, path, headers: req.headers, body };
    const reply: StubReply = unauthorized
      ? {
          status: 401,
          body: {
            error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
          },
        }
      : (queue.shift() ?? (typeof fallback === 'function' ? fallback({ ...pending, answered: 0 }) : fallback));
    requests.push({ ...pending, answered: 'hang' in reply ? 'hang' : 'status' in reply ? reply.status : 200 });

    if ('hang' in reply) return; // the socket stays open until the client aborts or close() runs
    if ('status' in reply) {
      const errorBody = reply.body ?? {
        error: { message: `openai-stub: scripted ${reply.status}`, type: 'server_error' },
      };
      sendJson(res, reply.status, errorBody, reply.headers);
      return;
    }
    if (reply.delayMs) await sleep(reply.delayMs);
    served += 1;
    const id = `chatcmpl-stub-${served}`;
    if (body.stream) return streamAnswer(res, id, body, reply);
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: reply.content },
          finish_reason: reply.finishReason ?? 'stop',
        },
      ],
      usage: usage(body, reply.content),
    });
  }

  async function streamAnswer(
    res: ServerResponse,
    id: string,
    body: ChatCompletionRequest,
    reply: AnswerReply,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const created = Math.floor(Date.now() / 1000);
    const event = (delta: object, finishReason: string | null, extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
    res.write(event({ role: 'assistant', content: '' }, null));
    for (const piece of reply.chunks ?? splitWords(reply.content)) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (res.destroyed) return;
      res.write(event({ content: piece }, null));
    }
    res.write(event({}, reply.finishReason ?? 'stop'));
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: usage(body, reply.content) })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  }

  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      fallback = NOTHING_SCRIPTED;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The text of a recorded request's messages with a role, joined (e.g. the system prompt). */
export function messageText(request: RecordedRequest | undefined, role: 'system' | 'user' | 'assistant'): string {
  return (request?.body.messages ?? [])
    .filter((m) => m.role === role)
    .map((m) => m.content)
    .join('\n');
}

// Word by word, spaces kept, as real servers stream.
function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

function usage(body: ChatCompletionRequest, content: string) {
  const promptChars = body.messages.reduce((n, m) => n + m.content.length, 0);
  const prompt_tokens = Math.ceil(promptChars / 4);
  const completion_tokens = Math.ceil(content.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
