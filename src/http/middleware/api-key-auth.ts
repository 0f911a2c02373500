import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../deps.js';
import { problemResponse } from '../problem.js';
import { bearerChallenge, createKeyRing, readBearerToken } from './bearer-token.js';
import type { FailedAuthGuard } from './rate-limit.js';
import { routePattern } from './route-pattern.js';

/** Who a request authenticated as; `keyId` is a hash prefix of the key, safe to log. */
export interface Principal {
  readonly kind: 'api-key' | 'widget-key' | 'admin';
  readonly keyId: string;
}

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
  readonly adminToken?: string;
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
export function apiKeyAuth(options: ApiKeyAuthOptions): MiddlewareHandler<AppEnv> {
  const widgetKeys = options.widgetKeys ?? [];
  if (options.apiKeys.length === 0 && widgetKeys.length === 0) return async (_c, next) => next();
  const realm = options.realm ?? 'pymem';
  const full = createKeyRing(options.apiKeys);
  const admin = createKeyRing(options.adminToken ? [options.adminToken] : []);
  const widget = createKeyRing(widgetKeys);
  const origins = new Set(options.allowedOrigins ?? []);

  const failedAuth = options.failedAuth;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const blocked = failedAuth?.refusal(c);
    if (blocked) return blocked;
    const bearer = readBearerToken(c.req.header('authorization'));
    if ('error' in bearer) {
      const malformed = bearer.error === 'malformed';
      const limited = malformed ? await failedAuth?.failed(c) : undefined;
      if (limited) return limited;
      return problemResponse(
        c,
        401,
        {
          detail: malformed
            ? 'The Authorization header must be "Bearer <key>".'
            : 'This endpoint needs an API key: send "Authorization: Bearer <key>".',
        },
        { 'WWW-Authenticate': bearerChallenge(realm, malformed ? 'invalid_request' : undefined) },
      );
    }
    const [fullId, adminId, widgetId] = await Promise.all([
      full.match(bearer.token),
      admin.match(bearer.token),
      widget.match(bearer.token),
    ]);
    if (fullId) {
      c.set('principal', { kind: 'api-key', keyId: fullId });
      return next();
    }
    if (adminId) {
      c.set('principal', { kind: 'admin', keyId: adminId });
      return next();
    }
    if (widgetId) {
      const refusal = widgetRefusal(c, origins);
      if (refusal) return problemResponse(c, 403, { detail: refusal });
      c.set('principal', { kind: 'widget-key', keyId: widgetId });
      return next();
    }
    const limited = await failedAuth?.failed(c);
    if (limited) return limited;
    return problemResponse(
      c,
      401,
      { detail: 'The API key is not valid.' },
      { 'WWW-Authenticate': bearerChallenge(realm, 'invalid_token') },
    );
  };
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
