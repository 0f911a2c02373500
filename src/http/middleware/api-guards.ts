import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../deps.js';
import { apiKeyAuth } from './api-key-auth.js';
import { failedAuthGuard, rateLimit, type FailedAuthGuard } from './rate-limit.js';

/** The paths behind API keys and rate limits. Bots (signatures), docs, health and widget.js are not. */
export const GUARDED_PATHS = ['/v1/*', '/mcp'] as const;

/**
 * API-key auth, then the rate limit, as configured in `deps`: what `createApp` puts in front of
 * {@link GUARDED_PATHS}.
 *
 * @example for (const path of GUARDED_PATHS) app.use(path, ...apiGuards(deps));
 */
export function apiGuards(deps: AppDeps, failedAuth?: FailedAuthGuard): MiddlewareHandler<AppEnv>[] {
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
export function failedAuthOf(deps: AppDeps): FailedAuthGuard | undefined {
  if (!deps.failedAuthLimiter) return undefined;
  return failedAuthGuard({ limiter: deps.failedAuthLimiter, clientAddress: deps.clientAddress ?? (() => undefined) });
}

/** Whether `deps` configure any key, so that the guarded paths require one. */
export function keysConfigured(deps: AppDeps): boolean {
  return (deps.apiKeys?.length ?? 0) > 0 || (deps.widgetKeys?.length ?? 0) > 0;
}
