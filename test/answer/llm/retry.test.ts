import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/answer/llm/provider-error.js';
import { isRetryable, retryAfterMs, streamWithRetry, type RetryInfo } from '../../../src/answer/llm/retry.js';

const httpError = (status: number, headers?: Record<string, string>) =>
  Object.assign(new Error(`HTTP ${status}`), { status, headers: new Headers(headers) });

async function* chunks(...items: string[]) {
  for (const item of items) yield item;
}
async function* failingAfter(item: string, error: Error) {
  yield item;
  throw error;
}

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
};

describe('streamWithRetry', () => {
  const options = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };

  it('reopens the stream after 5xx and 429 failures before the first chunk', async () => {
    const failures = [httpError(500), httpError(429)];
    const retries: RetryInfo[] = [];
    let opened = 0;
    const out = await collect(
      streamWithRetry(
        async () => {
          opened += 1;
          const failure = failures.shift();
          if (failure) throw failure;
          return chunks('a', 'b');
        },
        { ...options, onRetry: (info) => retries.push(info) },
      ),
    );
    expect(out).toEqual(['a', 'b']);
    expect(opened).toBe(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('gives up after the configured retries with the last error', async () => {
    let opened = 0;
    const stream = streamWithRetry(() => {
      opened += 1;
      throw httpError(503);
    }, options);
    await expect(collect(stream)).rejects.toThrow('HTTP 503');
    expect(opened).toBe(3);
  });

  it('never retries a client error', async () => {
    let opened = 0;
    const stream = streamWithRetry(() => {
      opened += 1;
      throw httpError(400);
    }, options);
    await expect(collect(stream)).rejects.toThrow('HTTP 400');
    expect(opened).toBe(1);
  });

  it('does not replay a stream that already produced output', async () => {
    let opened = 0;
    const seen: string[] = [];
    const stream = streamWithRetry(() => {
      opened += 1;
      return failingAfter('partial', httpError(502));
    }, options);
    await expect(
      (async () => {
        for await (const x of stream) seen.push(x);
      })(),
    ).rejects.toThrow('HTTP 502');
    expect(seen).toEqual(['partial']);
    expect(opened).toBe(1);
  });

  it('waits as long as Retry-After says (capped), and stops waiting when aborted', async () => {
    const controller = new AbortController();
    const retries: RetryInfo[] = [];
    const stream = streamWithRetry(
      () => {
        throw httpError(429, { 'retry-after': '30' });
      },
      { retries: 1, baseDelayMs: 1, maxDelayMs: 10_000, signal: controller.signal, onRetry: (r) => retries.push(r) },
    );
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    const started = Date.now();
    await expect(collect(stream)).rejects.toThrow('deadline');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(retries[0]?.delayMs).toBe(10_000);
  });

  it('spreads retries with exponential backoff and jitter', async () => {
    const delays: number[] = [];
    const stream = streamWithRetry(
      () => {
        throw httpError(500);
      },
      { retries: 3, baseDelayMs: 4, maxDelayMs: 10, random: () => 0.5, onRetry: (r) => delays.push(r.delayMs) },
    );
    await expect(collect(stream)).rejects.toThrow();
    expect(delays).toEqual([3, 6, 8]); // 4·2^n capped at 10, then half fixed + half·0.5
  });
});

describe('isRetryable', () => {
  it('retries rate limits, server errors, timeouts and dropped connections, nothing else', () => {
    expect([429, 500, 502, 503, 504, 408].map((s) => isRetryable(httpError(s)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 422].map((s) => isRetryable(httpError(s)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isRetryable(Object.assign(httpError(429), { code: 'insufficient_quota' }))).toBe(false);
    expect(isRetryable(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
  });

  it("follows a ProviderError's own verdict (Workers AI codes)", () => {
    expect(isRetryable(ProviderError.fromWorkersAi(new Error('3040: Capacity temporarily exceeded')))).toBe(true);
    expect(isRetryable(ProviderError.fromWorkersAi(new Error('3036: daily free allocation used up')))).toBe(false);
    expect(isRetryable(ProviderError.fromWorkersAi(new Error('5007: No such model')))).toBe(false);
  });

  it('reads Retry-After in seconds or as a date, and retry-after-ms', () => {
    expect(retryAfterMs(httpError(429, { 'retry-after': '2' }))).toBe(2_000);
    expect(retryAfterMs(httpError(429, { 'retry-after-ms': '150' }))).toBe(150);
    const date = new Date(Date.now() + 5_000).toUTCString();
    expect(retryAfterMs(httpError(429, { 'retry-after': date }))).toBeGreaterThan(3_000);
    expect(retryAfterMs(httpError(429))).toBeUndefined();
  });
});
