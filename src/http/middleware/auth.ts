import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { problemResponse } from '../problem.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { ClientAddressResolver } from './rate-limit.js';
import { failedAuthGuard, rateLimit, type FailedAuthGuard } from './rate-limit.js';
import { routePattern } from './request-observer.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by {@link apiKeyAuth} and {@link adminAuth} once a request authenticated; unset on open routes. */
    principal: Principal | undefined;
  }
}

/** Who a request authenticated as; `keyId` is a hash prefix of the key, safe to log. */
export interface Principal {
  readonly kind: 'api-key' | 'widget-key' | 'admin';
  readonly keyId: string;
}

/** The paths behind API keys and rate limits. Bots (signatures), docs, health and widget.js are not. */
export const GUARDED_PATHS = ['/v1/*', '/mcp'] as const;

/** An endpoint a publishable widget key may call. */
export interface WidgetScopeEntry {
  readonly method: string;
  readonly route: string;
}

/** What the widget needs: asking (plain and streamed), feedback, and reading tips. */
export const WIDGET_SCOPE: readonly WidgetScopeEntry[] = [
  { method: 'POST', route: '/v1/ask' },
  { method: 'POST', route: '/v1/ask/stream' },
  { method: 'POST', route: '/v1/feedback' },
  { method: 'GET', route: '/v1/tips' },
  { method: 'GET', route: '/v1/tips/:id' },
];

export interface ApiKeyAuthOptions {
  /** Keys with full access. */
  readonly apiKeys: readonly string[];
  /** Publishable keys, limited to {@link WIDGET_SCOPE} and to requests from `allowedOrigins` (`*`: any page). */
  readonly widgetKeys?: readonly string[];
  readonly allowedOrigins?: readonly string[];
  /** The admin token, accepted wherever an API key is (so it also reaches admin routes under `/v1`). */
  readonly adminToken?: string | undefined;
  /** The `realm` of the `WWW-Authenticate` challenge. */
  readonly realm?: string;
  /** Limits failed attempts per client address (`AUTH_FAILURES_PER_MINUTE`); absent, none. */
  readonly failedAuth?: FailedAuthGuard | undefined;
}

/**
 * Requires `Authorization: Bearer <key>` when any API or widget key is configured; with none,
 * it lets everything through. Failures are 401 problem+json with a `WWW-Authenticate` challenge,
 * or 403 when a widget key is used outside its scope or origins. CORS preflights (`OPTIONS`)
 * carry no credentials and pass. Sets `c.var.principal`. With `failedAuth`, a client address that
 * sent too many wrong or malformed keys gets 429 until its limit refills, before any key is checked.
 *
 * @example app.use('/v1/*', apiKeyAuth({ apiKeys: config.API_KEYS, widgetKeys: config.WIDGET_KEYS }));
 */
export function apiKeyAuth(options: ApiKeyAuthOptions): MiddlewareHandler {
  const widgetKeys = options.widgetKeys ?? [];
  if (options.apiKeys.length === 0 && widgetKeys.length === 0) return async (_c, next) => next();
  const rings: readonly [KeyRing, Principal['kind']][] = [
    [createKeyRing(options.apiKeys), 'api-key'],
    [createKeyRing(options.adminToken ? [options.adminToken] : []), 'admin'],
    [createKeyRing(widgetKeys), 'widget-key'],
  ];
  const origins = new Set(options.allowedOrigins ?? []);
  const bearer = bearerGuard({
    realm: options.realm ?? 'pymem',
    failedAuth: options.failedAuth,
    details: {
      missing: 'This endpoint needs an API key: send "Authorization: Bearer <key>".',
      malformed: 'The Authorization header must be "Bearer <key>".',
      invalid: 'The API key is not valid.',
    },
    async verify(token, c) {
      const ids = await Promise.all(rings.map(([ring]) => ring.match(token)));
      const at = ids.findIndex((id) => id !== undefined);
      if (at < 0) return false;
      c.set('principal', { kind: rings[at]?.[1] ?? 'api-key', keyId: ids[at] as string });
      return true;
    },
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const blocked = options.failedAuth?.refusal(c);
    if (blocked) return blocked;
    let refusal: string | undefined;
    await bearer(c, async () => {
      refusal = c.get('principal')?.kind === 'widget-key' ? widgetRefusal(c, origins) : undefined;
      if (refusal) c.set('principal', undefined);
      else await next();
    });
    return refusal ? problemResponse(c, 403, { detail: refusal }) : undefined;
  };
}

export interface AdminAuthOptions {
  /** `ADMIN_TOKEN`; when unset the admin routes are disabled (503), never open. */
  readonly token: string | undefined;
  readonly realm?: string;
  /** Limits failed attempts per client address (`AUTH_FAILURES_PER_MINUTE`); absent, none. */
  readonly failedAuth?: FailedAuthGuard | undefined;
}

/**
 * Protects operator routes (`/metrics`, `/v1/feedback/summary`) with `Authorization: Bearer
 * <ADMIN_TOKEN>`, compared in constant time: 503 problem+json when no token is configured, 401
 * with a `WWW-Authenticate` challenge when the header is missing or wrong.
 *
 * @example app.get('/metrics', adminAuth({ token: deps.adminToken }), (c) => ...)
 */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler {
  const ring = createKeyRing(options.token ? [options.token] : []);
  const detail = 'This operator endpoint needs "Authorization: Bearer <ADMIN_TOKEN>".';
  const bearer = bearerGuard({
    realm: options.realm ?? 'pymem-admin',
    failedAuth: options.failedAuth,
    details: { missing: detail, malformed: detail, invalid: detail },
    async verify(token, c) {
      const keyId = await ring.match(token);
      if (keyId) c.set('principal', { kind: 'admin', keyId });
      return keyId !== undefined;
    },
  });
  return async (c, next) => {
    if (!options.token)
      return problemResponse(c, 503, { detail: 'This operator endpoint is disabled: set ADMIN_TOKEN to enable it.' });
    return options.failedAuth?.refusal(c) ?? bearer(c, next);
  };
}

/** The access settings the guards read: the app's `AppDeps` of the same names. */
export interface ApiGuardsOptions {
  readonly apiKeys?: readonly string[];
  readonly widgetKeys?: readonly string[];
  readonly allowedOrigins?: readonly string[];
  readonly adminToken?: string | undefined;
  readonly rateLimiter?: RateLimiter | undefined;
  readonly failedAuthLimiter?: RateLimiter | undefined;
  readonly clientAddress?: ClientAddressResolver;
}

/**
 * API-key auth, then the rate limit, as configured in `deps`: what `createApp` puts in front of
 * {@link GUARDED_PATHS}.
 *
 * @example for (const path of GUARDED_PATHS) app.use(path, ...apiGuards(deps));
 */
export function apiGuards(deps: ApiGuardsOptions, failedAuth?: FailedAuthGuard): MiddlewareHandler[] {
  const guards = [
    apiKeyAuth({
      apiKeys: deps.apiKeys ?? [],
      widgetKeys: deps.widgetKeys ?? [],
      allowedOrigins: deps.allowedOrigins ?? [],
      adminToken: deps.adminToken,
      failedAuth,
    }),
  ];
  if (deps.rateLimiter) {
    guards.push(rateLimit({ limiter: deps.rateLimiter, clientAddress: deps.clientAddress ?? (() => undefined) }));
  }
  return guards;
}

/**
 * The failed-authentication guard of `deps` (one for the whole app, shared by the API-key and the
 * admin checks), or undefined without a `failedAuthLimiter`.
 */
export function failedAuthOf(deps: ApiGuardsOptions): FailedAuthGuard | undefined {
  if (!deps.failedAuthLimiter) return undefined;
  return failedAuthGuard({ limiter: deps.failedAuthLimiter, clientAddress: deps.clientAddress ?? (() => undefined) });
}

/** Whether `deps` configure any key, so that the guarded paths require one. */
export function keysConfigured(deps: ApiGuardsOptions): boolean {
  return (deps.apiKeys?.length ?? 0) > 0 || (deps.widgetKeys?.length ?? 0) > 0;
}

interface BearerGuardOptions {
  readonly realm: string;
  /** Whether `token` is a known key; sets `c.var.principal` when it is. */
  readonly verify: (token: string, c: Context) => Promise<boolean>;
  readonly failedAuth: FailedAuthGuard | undefined;
  /** The problem detail for no `Authorization` header, one that is not `Bearer <token>`, and an unknown token. */
  readonly details: { readonly missing: string; readonly malformed: string; readonly invalid: string };
}

/**
 * Hono's `bearerAuth` (its token grammar, RFC 6750, and challenges) answering with our problem
 * details: 401 for a missing, malformed or unknown token, with `WWW-Authenticate: Bearer realm=…`
 * and `error="invalid_request"` or `error="invalid_token"`. A malformed or unknown token is a
 * guess: `failedAuth` counts it, and answers 429 instead once the client is over its limit. The
 * problem is thrown inside an `HTTPException`, which `app.onError` sends as it is.
 */
function bearerGuard(options: BearerGuardOptions): MiddlewareHandler {
  const challenge = (error?: 'invalid_request' | 'invalid_token') =>
    error ? `Bearer realm="${options.realm}", error="${error}"` : `Bearer realm="${options.realm}"`;
  const refuse = (detail: string) => (c: Context) => problemResponse(c, 401, { detail });
  const guess = (detail: string) => async (c: Context) =>
    (await options.failedAuth?.failed(c)) ?? problemResponse(c, 401, { detail });
  return bearerAuth({
    verifyToken: options.verify,
    noAuthenticationHeader: { wwwAuthenticateHeader: challenge(), message: refuse(options.details.missing) },
    // 401, not bearerAuth's 400: a client that sent something else than a Bearer token is asked for one.
    invalidAuthenticationHeader: {
      wwwAuthenticateHeader: challenge('invalid_request'),
      message: guess(options.details.malformed),
    },
    invalidToken: { wwwAuthenticateHeader: challenge('invalid_token'), message: guess(options.details.invalid) },
  });
}

/** Why a widget key may not make this request, or undefined when it may. */
function widgetRefusal(c: Context, origins: ReadonlySet<string>): string | undefined {
  const route = routePattern(c);
  if (!WIDGET_SCOPE.some((entry) => entry.method === c.req.method && entry.route === route)) {
    return `A widget key may not call ${c.req.method} ${c.req.path}; use an API key.`;
  }
  const origin = c.req.header('origin');
  if (!origin || !(origins.has('*') || origins.has(origin))) {
    return `A widget key is only accepted from the allowed origins (ALLOWED_ORIGINS); this request came from ${origin ?? 'no origin'}.`;
  }
  return undefined;
}

const utf8 = new TextEncoder();

/** A set of secret keys, matched in constant time; each has a loggable id (a hash prefix). */
export interface KeyRing {
  readonly size: number;
  /** The id of the key equal to `token`, or undefined. Every key is compared, whatever matches. */
  match(token: string): Promise<string | undefined>;
}

/**
 * Hashes the keys once; a presented token is hashed and compared with every key's digest, so
 * the time taken says nothing about which key, or how much of one, matched. (Hono's
 * `timingSafeEqual` hashes both sides on every comparison, and gives no id to log.)
 *
 * @example
 * const ring = createKeyRing(['0123456789abcdef-key']);
 * await ring.match('0123456789abcdef-key'); // 'k_3f1c0b9e' (first 8 hex of its SHA-256)
 */
export function createKeyRing(keys: readonly string[]): KeyRing {
  const digests = Promise.all(keys.map((key) => sha256(key)));
  return {
    size: keys.length,
    async match(token) {
      const presented = await sha256(token);
      let found: string | undefined;
      for (const digest of await digests) {
        if (digestsEqual(digest, presented) && found === undefined) found = `k_${hex(digest).slice(0, 8)}`;
      }
      return found;
    },
  };
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

/** Compares equal-length digests in time independent of where they differ. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
