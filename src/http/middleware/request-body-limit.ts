import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface RequestBodyLimitOptions {
  /** Largest accepted body, in bytes. */
  readonly maxSize: number;
  /** The response for a body over `maxSize`. */
  readonly onError: (c: Context) => Response | Promise<Response>;
}

/**
 * Hono's `bodyLimit`, without its cost on requests that cannot be over the limit. `bodyLimit`
 * reads `c.req.raw.body` on every request, which makes @hono/node-server build a full WHATWG
 * `Request` (headers, AbortSignal, a body stream) that it otherwise skips, and sends JSON parsing
 * down the stream path: a third of the server's time per request on `GET /healthz`
 * (`node --cpu-prof`, issue #8). Here a `Content-Length` decides without touching the body, a
 * GET or HEAD has none, and only a chunked (or length-less) body is counted as it streams, by
 * `bodyLimit` itself.
 *
 * @example app.use(requestBodyLimit({ maxSize: 128 * 1024, onError: (c) => c.text('too large', 413) }));
 */
export function requestBodyLimit(options: RequestBodyLimitOptions): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize: options.maxSize, onError: options.onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
