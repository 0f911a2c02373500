import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The pattern of the endpoint a request matched (`/v1/tips/:id`), whoever answered it (the
 * handler, or a middleware in front such as auth); undefined when no endpoint matched (404).
 * Middleware is registered with method `ALL` (`app.use`), endpoints with their method.
 */
export function routePattern(c: Context): string | undefined {
  const endpoints = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return endpoints.at(-1)?.path;
}
