import { createParser } from 'eventsource-parser';
import type { ChatTurn } from '../../src/answer/follow-up/chat-turn.js';
import type { Answer, Citation } from '../../src/answer/types.js';
import type { Tip } from '../../src/knowledge/types.js';
import { ApiError, errorFromResponse, type Problem } from './api-error.js';

export interface AskRequest {
  readonly question: string;
  readonly snippet?: string;
  /** The conversation so far, oldest first (≤ 10 turns, 16 KiB): follow-ups are read against it. */
  readonly history?: readonly ChatTurn[];
}

/** Called as the answer streams in: citations first, then text pieces, then the whole answer. */
export interface StreamHandlers {
  onCitations(citations: readonly Citation[]): void;
  onDelta(text: string): void;
  onDone(answer: Answer): void;
}

export interface ApiClientOptions {
  /** The service's base URL, e.g. `https://help.example.com`. */
  readonly base: string;
  /** A publishable widget key, sent as `Authorization: Bearer`. */
  readonly key?: string | undefined;
}

export interface ApiClient {
  /** `POST /v1/ask/stream`; resolves after `done`, rejects with an {@link ApiError} (or an AbortError). */
  askStream(request: AskRequest, handlers: StreamHandlers, signal?: AbortSignal): Promise<void>;
  /** `GET /v1/tips/:id`. */
  tip(id: string): Promise<Tip>;
  /** `POST /v1/feedback`. */
  feedback(body: { readonly answerId: string; readonly helpful: boolean; readonly comment?: string }): Promise<void>;
}

/**
 * The widget's calls to the service.
 *
 * @example
 * const api = createApiClient({ base: 'https://help.example.com' });
 * await api.askStream({ question: 'weakref?' }, { onCitations, onDelta, onDone });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.base.replace(/\/+$/, '');
  const headers = (extra: Record<string, string> = {}): Record<string, string> =>
    options.key ? { ...extra, Authorization: `Bearer ${options.key}` } : extra;

  const call = async (path: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, credentials: 'omit' });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError('network', `Could not reach ${base}.`);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };

  return {
    async askStream(request, handlers, signal) {
      const response = await call('/v1/ask/stream', {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
        body: JSON.stringify(request),
        signal,
      });
      await readAnswerEvents(response, handlers, signal);
    },
    async tip(id) {
      const response = await call(`/v1/tips/${encodeURIComponent(id)}`, {
        headers: headers({ Accept: 'application/json' }),
      });
      return (await response.json()) as Tip;
    },
    async feedback(body) {
      await call('/v1/feedback', {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(body),
      });
    },
  };
}

/** Reads the SSE body to its `done` event (or its `error` event, or its premature end). */
async function readAnswerEvents(response: Response, handlers: StreamHandlers, signal?: AbortSignal): Promise<void> {
  if (!response.body) throw new ApiError('interrupted', 'The answer stream was empty.');
  let done = false;
  let failure: ApiError | undefined;
  const parser = createParser({
    onEvent(message) {
      if (done || failure) return;
      const data = JSON.parse(message.data) as unknown;
      if (message.event === 'citations') handlers.onCitations((data as { citations: Citation[] }).citations);
      else if (message.event === 'delta') handlers.onDelta((data as { text: string }).text);
      else if (message.event === 'done') {
        done = true;
        handlers.onDone(data as Answer);
      } else if (message.event === 'error') {
        const problem = data as Problem;
        failure = new ApiError('problem', problem.detail ?? 'The answer failed.', { status: problem.status, problem });
      }
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    // Read to the end (the server closes right after `done`), unless the stream reported an error.
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      parser.feed(value);
      if (failure) {
        void reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    if (!done) throw new ApiError('interrupted', 'The answer stream broke off.');
  }
  if (failure) throw failure;
  if (!done) throw new ApiError('interrupted', 'The answer stream ended before the answer was complete.');
}
