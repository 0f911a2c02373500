import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../deps.js';
import { problemResponse } from '../problem.js';
import { bearerChallenge, createKeyRing, readBearerToken } from './bearer-token.js';
import type { FailedAuthGuard } from './rate-limit.js';

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
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<AppEnv> {
  const realm = options.realm ?? 'pymem-admin';
  const ring = createKeyRing(options.token ? [options.token] : []);
  return async (c, next) => {
    if (!options.token) {
      return problemResponse(c, 503, {
        detail: 'This operator endpoint is disabled: set ADMIN_TOKEN to enable it.',
      });
    }
    const blocked = options.failedAuth?.refusal(c);
    if (blocked) return blocked;
    const bearer = readBearerToken(c.req.header('authorization'));
    const keyId = 'token' in bearer ? await ring.match(bearer.token) : undefined;
    if (!keyId) {
      // A wrong or malformed token is a guess; a missing one is not.
      const limited = 'token' in bearer || bearer.error === 'malformed' ? await options.failedAuth?.failed(c) : undefined;
      if (limited) return limited;
      const error = 'token' in bearer ? 'invalid_token' : bearer.error === 'malformed' ? 'invalid_request' : undefined;
      return problemResponse(
        c,
        401,
        { detail: 'This operator endpoint needs "Authorization: Bearer <ADMIN_TOKEN>".' },
        { 'WWW-Authenticate': bearerChallenge(realm, error) },
      );
    }
    c.set('principal', { kind: 'admin', keyId });
    return next();
  };
}
