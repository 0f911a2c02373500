import { ProviderError } from './provider-error.js';

export interface RetryOptions {
  /** Further attempts after the first one. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Aborting stops the waiting and the retrying. */
  readonly signal?: AbortSignal | undefined;
  /** Called before each retry, e.g. to log it. */
  readonly onRetry?: ((info: RetryInfo) => void) | undefined;
  /** 0 ≤ random() < 1; injectable so tests can pin the jitter. */
  readonly random?: (() => number) | undefined;
}

export interface RetryInfo {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/**
 * Streams from `open()`, opening it again with exponential backoff while it fails *before its
 * first chunk* with a retryable error (429, 5xx, 408, a dropped connection). Once a chunk has been
 * passed on, the stream cannot be replayed, so later errors propagate.
 *
 * @example
 * for await (const chunk of streamWithRetry(() => model.stream(prompt), { retries: 2, baseDelayMs: 500, maxDelayMs: 8000 })) …
 */
export async function* streamWithRetry<T>(
  open: () => Promise<AsyncIterable<T>> | AsyncIterable<T>,
  options: RetryOptions,
): AsyncGenerator<T> {
  for (let attempt = 0; ; attempt++) {
    let iterator: AsyncIterator<T> | undefined;
    let first: IteratorResult<T>;
    try {
      iterator = (await open())[Symbol.asyncIterator]();
      first = await iterator.next();
    } catch (error) {
      await iterator?.return?.().catch(() => undefined);
      if (attempt >= options.retries || !isRetryable(error) || options.signal?.aborted) throw error;
      const delayMs = backoffDelay(attempt, error, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal);
      continue;
    }
    if (first.done) return;
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.().catch(() => undefined);
    }
    return;
  }
}

/** Whether a provider error is worth another attempt: rate limits, server errors, lost connections. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ProviderError) return error.retryable;
  if (isAbort(error)) return false;
  const status = statusOf(error);
  if (status !== undefined) {
    if (status === 429) return codeOf(error) !== 'insufficient_quota';
    return status === 408 || status >= 500;
  }
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (name === 'APIConnectionError') return true;
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause);
  return code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

/** The HTTP status a provider SDK attached to its error, if any. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; error?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.error?.code === 'string' ? e.error.code : undefined;
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    (error as object | null)?.constructor?.name === 'APIUserAbortError'
  );
}

function backoffDelay(attempt: number, error: unknown, options: RetryOptions): number {
  const hinted = retryAfterMs(error);
  if (hinted !== undefined) return Math.min(hinted, options.maxDelayMs);
  const exponential = Math.min(options.baseDelayMs * 2 ** attempt, options.maxDelayMs);
  // "Equal jitter": half fixed, half random, so concurrent clients spread out but never retry at once.
  return Math.round(exponential / 2 + (exponential / 2) * (options.random ?? Math.random)());
}

/** `Retry-After` (seconds or an HTTP date) or OpenAI's `retry-after-ms`, when the provider sent one. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const get = (name: string): string | null | undefined =>
    headers instanceof Headers ? headers.get(name) : (headers as Record<string, string> | undefined)?.[name];
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') != null) return ms;
  const value = get('retry-after');
  if (value == null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
