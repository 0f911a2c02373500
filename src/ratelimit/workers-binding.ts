import type { RateLimitDecision, RateLimiter } from './rate-limiter.js';

/** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml), structurally typed. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface WorkersBindingLimiterOptions {
  /** `simple.limit` of the binding in wrangler.toml. */
  readonly limit: number;
  /** `simple.period` of the binding in wrangler.toml: 10 or 60 seconds. */
  readonly periodSeconds: 10 | 60;
}

/**
 * Adapts Cloudflare's rate-limiting binding to {@link RateLimiter}. The binding only answers
 * allowed or not (its counters are per Cloudflare location and eventually consistent), so
 * `remaining` is left undefined and the reset and retry times are the binding's period.
 *
 * @example
 * const limiter = createWorkersBindingLimiter(env.RATE_LIMITER, { limit: 60, periodSeconds: 60 });
 */
export function createWorkersBindingLimiter(
  binding: RateLimitBinding,
  options: WorkersBindingLimiterOptions,
): RateLimiter {
  return {
    async consume(key): Promise<RateLimitDecision> {
      const { success } = await binding.limit({ key });
      const base = { allowed: success, limit: options.limit, resetSeconds: options.periodSeconds };
      return success ? base : { ...base, remaining: 0, retryAfterSeconds: options.periodSeconds };
    },
  };
}
