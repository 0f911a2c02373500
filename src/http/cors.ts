import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** Response headers a page's script may read: the request id and the rate-limit answer. */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/**
 * CORS for the API that pages call (the widget): origins from `ALLOWED_ORIGINS`, `*` for any.
 * With no origin configured it does nothing, so only same-origin pages (the demo page) can call.
 * Preflights (`OPTIONS`) are answered here with 204, before any auth or route.
 * No credentials (cookies) are ever allowed; a key travels in `Authorization`.
 *
 * @example app.use('/v1/*', apiCors(['https://help.example.com']))
 */
export function apiCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  if (allowedOrigins.length === 0) return async (_c, next) => next();
  const anyOrigin = allowedOrigins.includes('*');
  const origins = new Set(allowedOrigins);
  return cors({
    origin: anyOrigin ? '*' : (origin) => (origins.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
