import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../deps.js';
import type { RateLimitDecision, RateLimiter } from '../../ratelimit/rate-limiter.js';
import { problemResponse } from '../problem.js';
import type { ClientAddressResolver } from './client-address.js';

export interface RateLimitOptions {
  readonly limiter: RateLimiter;
  /** The client's address, the key for requests made without a key (and with a widget key). */
  readonly clientAddress: ClientAddressResolver;
}

/**
 * Limits requests per API key, or per client address when there is no key (a publishable
 * widget key is shared by every visitor, so it counts per key and address). Run it after
 * `apiKeyAuth`. Every limited response carries `RateLimit-Limit`, `RateLimit-Remaining` (when the
 * backend knows it) and `RateLimit-Reset` (IETF draft-ietf-httpapi-ratelimit-headers); a refused
 * request gets 429 problem+json with `Retry-After`. A request with no key and no known address
 * (one that did not come over the network) is not limited.
 *
 * @example app.use('/v1/*', rateLimit({ limiter: createTokenBucketLimiter({ perMinute: 60 }), clientAddress }));
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const key = limitKey(c, options.clientAddress);
    if (!key) return next();
    const decision = await options.limiter.consume(key);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      const retryAfter = String(decision.retryAfterSeconds ?? decision.resetSeconds);
      return problemResponse(
        c,
        429,
        { detail: `Too many requests (the limit is ${decision.limit}); retry in ${retryAfter} s.` },
        { ...headers, 'Retry-After': retryAfter },
      );
    }
    await next();
    setHeaders(c, headers);
  };
}

function limitKey(c: Context<AppEnv>, clientAddress: ClientAddressResolver): string | undefined {
  const principal = c.get('principal');
  if (principal && principal.kind !== 'widget-key') return `key:${principal.keyId}`;
  const address = clientAddress(c);
  if (!address) return undefined;
  return principal ? `widget:${principal.keyId}:ip:${address}` : `ip:${address}`;
}

/** The `RateLimit-*` response headers for a decision. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    ...(decision.remaining === undefined ? {} : { 'RateLimit-Remaining': String(decision.remaining) }),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
}

function setHeaders(c: Context, headers: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // A response with immutable headers (one passed through from fetch): copy it first.
    c.res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  }
}
