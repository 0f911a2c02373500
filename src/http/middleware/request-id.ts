import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by {@link requestIdentity} on every request: in logs, problem details and `X-Request-Id`. */
    requestId: string;
  }
}

/** Sets one header on the response a request will get. */
export type ResponseHeaderWriter = (c: Context, name: string, value: string) => void;

/** Through Hono (`c.header`): right on every runtime. */
export const honoHeaderWriter: ResponseHeaderWriter = (c, name, value) => c.header(name, value);

/** What a client may send as its own request id: Hono's `requestId` rule. */
const CLIENT_REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * Names each request: the client's `X-Request-Id` when it is a plain token of at most 255
 * characters, else a new UUID. It is `c.var.requestId` (logs, problem details) and the response's
 * `X-Request-Id`, written by `writeHeader` (Node passes one that sets it on the socket's response
 * directly: see `nodeHeaderWriter`).
 *
 * @example app.use(requestIdentity());
 */
export function requestIdentity(writeHeader: ResponseHeaderWriter = honoHeaderWriter): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const id = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    writeHeader(c, 'X-Request-Id', id);
    await next();
  };
}
