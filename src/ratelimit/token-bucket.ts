import type { Clock, RateLimitDecision, RateLimiter } from './rate-limiter.js';

export interface TokenBucketOptions {
  /** Tokens added per minute: the sustained rate. */
  readonly perMinute: number;
  /** Bucket size: the largest burst. Defaults to `perMinute`. */
  readonly burst?: number | undefined;
  readonly clock?: Clock;
  /** Most keys tracked at once; the least recently seen is forgotten first. Default 10,000. */
  readonly maxKeys?: number;
}

/** Slack for floating-point error when a request lands exactly on a refill instant. */
const EPSILON_MS = 1e-6;

/**
 * An in-memory token bucket per key (Node: one process holds the state). Each key starts full
 * with `burst` tokens, a request takes one, and tokens come back at `perMinute` per minute.
 * Kept in its GCRA form: one "bucket empty until" time per key instead of a token count, so
 * refills need no timers and a key costs one number.
 *
 * @example
 * const limiter = createTokenBucketLimiter({ perMinute: 60 });
 * await limiter.consume('ip:127.0.0.1'); // { allowed: true, limit: 60, remaining: 59, resetSeconds: 1 }
 */
export function createTokenBucketLimiter(options: TokenBucketOptions): RateLimiter {
  const burst = options.burst ?? options.perMinute;
  if (!(options.perMinute > 0) || !(burst >= 1)) throw new RangeError('perMinute and burst must be positive');
  const interval = 60_000 / options.perMinute; // ms per token
  const tolerance = (burst - 1) * interval; // how far ahead of now the schedule may run
  const clock = options.clock ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  /** Per key, when its bucket will be full again ("theoretical arrival time"). */
  const fullAt = new Map<string, number>();

  const seconds = (ms: number) => Math.max(0, Math.ceil((ms - EPSILON_MS) / 1000));

  const take = (key: string): RateLimitDecision => {
    const now = clock();
    const scheduled = Math.max(fullAt.get(key) ?? now, now);
    const allowed = scheduled - now <= tolerance + EPSILON_MS;
    const next = allowed ? scheduled + interval : scheduled;
    // Re-inserting keeps the Map in least-recently-seen order, so eviction takes the oldest.
    fullAt.delete(key);
    fullAt.set(key, next);
    if (fullAt.size > maxKeys) fullAt.delete(fullAt.keys().next().value as string);

    const backlog = next - now;
    return {
      allowed,
      limit: burst,
      remaining: Math.max(0, Math.floor(burst - backlog / interval + EPSILON_MS)),
      resetSeconds: seconds(backlog),
      ...(allowed ? {} : { retryAfterSeconds: Math.max(1, seconds(backlog - tolerance)) }),
    };
  };

  return { consume: async (key) => take(key) };
}
