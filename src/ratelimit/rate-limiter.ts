/** What a limiter says about one request. */
export interface RateLimitDecision {
  /** Whether the request may proceed. */
  readonly allowed: boolean;
  /** Requests allowed per window (the `RateLimit-Limit` header). */
  readonly limit: number;
  /** Requests left now; undefined when the backend does not say (Workers binding). */
  readonly remaining?: number;
  /** Seconds until the quota is fully available again (the `RateLimit-Reset` header). */
  readonly resetSeconds: number;
  /** When refused: seconds until one more request will be allowed (the `Retry-After` header). */
  readonly retryAfterSeconds?: number;
}

/**
 * Limits requests per key (an API key id or a client address). One interface, two backends: a
 * token bucket in memory on Node, the Workers Rate Limiting binding on Cloudflare.
 *
 * @example
 * const decision = await limiter.consume('ip:203.0.113.7');
 * if (!decision.allowed) return tooManyRequests(decision);
 */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
}

/** Milliseconds since an arbitrary origin; `Date.now` in production, a fake in tests. */
export type Clock = () => number;
