import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../deps.js';
import { apiKeyAuth } from './api-key-auth.js';
import { rateLimit } from './rate-limit.js';

/** The paths behind API keys and rate limits. Bots (signatures), docs, health and widget.js are not. */
export const GUARDED_PATHS = ['/v1/*', '/mcp'] as const;

/**
 * API-key auth, then the rate limit, as configured in `deps`: what `createApp` puts in front of
 * {@link GUARDED_PATHS}.
 *
 * @example for (const path of GUARDED_PATHS) app.use(path, ...apiGuards(deps));
 */
export function apiGuards(deps: AppDeps): MiddlewareHandler<AppEnv>[] {
  const guards = [
    apiKeyAuth({
      apiKeys: deps.apiKeys ?? [],
      widgetKeys: deps.widgetKeys ?? [],
      allowedOrigins: deps.allowedOrigins ?? [],
      adminToken: deps.adminToken,
    }),
  ];
  if (deps.rateLimiter) {
    guards.push(rateLimit({ limiter: deps.rateLimiter, clientAddress: deps.clientAddress ?? (() => undefined) }));
  }
  return guards;
}

/** Whether `deps` configure any key, so that the guarded paths require one. */
export function keysConfigured(deps: AppDeps): boolean {
  return (deps.apiKeys?.length ?? 0) > 0 || (deps.widgetKeys?.length ?? 0) > 0;
}
