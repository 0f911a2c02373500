import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import { problemResponse } from '../problem.js';
import type { RateLimitDecision, RateLimiter } from '../rate-limiter.js';

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
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
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

function limitKey(c: Context, clientAddress: ClientAddressResolver): string | undefined {
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

/** Counts failed authentications per client address and refuses an address past its limit. */
export interface FailedAuthGuard {
  /** The 429 for a client still over its limit (checked before any key is), or undefined. */
  refusal(c: Context): Response | undefined;
  /** Counts a failed authentication; the 429 when it takes the client over its limit, else undefined. */
  failed(c: Context): Promise<Response | undefined>;
}

export interface FailedAuthGuardOptions {
  /** One token per failure (`AUTH_FAILURES_PER_MINUTE`). */
  readonly limiter: RateLimiter;
  readonly clientAddress: ClientAddressResolver;
  readonly now?: () => number;
  /** Most addresses remembered as blocked at once (least recently blocked forgotten first). */
  readonly maxBlocked?: number;
}

/**
 * Limits guessing keys: each wrong or malformed key (or admin token) costs the client address a
 * token; once its bucket is empty, every request from it gets 429 with `Retry-After` until the
 * bucket refills, whatever key it carries, so no answer tells a guess right from wrong. Without an
 * address (a request that did not come over the network) nothing is counted.
 *
 * @example const guard = failedAuthGuard({ limiter: createTokenBucketLimiter({ perMinute: 10 }), clientAddress });
 */
export function failedAuthGuard(options: FailedAuthGuardOptions): FailedAuthGuard {
  const now = options.now ?? Date.now;
  const blockedUntil = new LRUCache<string, number>({ max: options.maxBlocked ?? 10_000 });
  const tooMany = (c: Context, retryAfterSeconds: number) =>
    problemResponse(
      c,
      429,
      { detail: `Too many failed authentications from this address; retry in ${retryAfterSeconds} s.` },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  return {
    refusal(c) {
      const address = options.clientAddress(c);
      // `peek`: a blocked client's retries do not keep it remembered longer.
      const until = address === undefined ? undefined : blockedUntil.peek(address);
      if (until === undefined) return undefined;
      const left = until - now();
      if (left <= 0) {
        blockedUntil.delete(address as string);
        return undefined;
      }
      return tooMany(c, Math.max(1, Math.ceil(left / 1000)));
    },
    async failed(c) {
      const address = options.clientAddress(c);
      if (address === undefined) return undefined;
      const decision = await options.limiter.consume(`auth-failure:${address}`);
      if (decision.allowed) return undefined;
      const retryAfter = Math.max(1, decision.retryAfterSeconds ?? decision.resetSeconds);
      blockedUntil.set(address, now() + retryAfter * 1000);
      return tooMany(c, retryAfter);
    },
  };
}

/** Tells the client's network address for a request, or undefined when it has none. */
export type ClientAddressResolver = (c: Context) => string | undefined;

/**
 * The address a trusted edge put in a header: `CF-Connecting-IP` on Cloudflare, which the edge
 * always sets (and overwrites) for requests from the internet.
 *
 * @example const address = headerClientAddress('cf-connecting-ip');
 */
export function headerClientAddress(header: string): ClientAddressResolver {
  return (c) => c.req.header(header)?.trim() || undefined;
}

/**
 * Behind `hops` trusted proxies, the client is the address the outermost trusted proxy appended
 * to `X-Forwarded-For`, counted from the right (entries further left are whatever the client
 * sent, so they are never trusted). With `hops` 0, or no header, it is `direct` (the socket).
 *
 * @example const address = forwardedClientAddress(1, (c) => getConnInfo(c).remote.address);
 */
export function forwardedClientAddress(hops: number, direct: ClientAddressResolver): ClientAddressResolver {
  if (hops <= 0) return direct;
  return (c) => {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (chain.length === 0) return direct(c);
    return chain[Math.max(0, chain.length - hops)];
  };
}
