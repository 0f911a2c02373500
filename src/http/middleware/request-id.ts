import type { MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by {@link requestIdentity} on every request: in logs, problem details and `X-Request-Id`. */
    requestId: string;
  }
}

/** What a client may send as its own request id: Hono's `requestId` rule. */
const CLIENT_REQUEST_ID = /^[\w\-=]{1,255}$/;

/** The part of @hono/node-server's bindings (`c.env` on Node) used here: Node's own `ServerResponse`. */
interface NodeBindings {
  readonly outgoing?: { readonly headersSent: boolean; setHeader(name: string, value: string): unknown };
}

/**
 * Names each request: the client's `X-Request-Id` when it is a plain token of at most 255
 * characters, else a new UUID. It is `c.var.requestId` (logs, problem details) and the response's
 * `X-Request-Id`.
 *
 * Hono's `requestId` (hono/request-id) has the same rule but sets the header with `c.header`, which
 * gives every response a WHATWG `Headers` object that @hono/node-server then copies out field by
 * field. On a Node server the header goes on Node's `ServerResponse` (`c.env.outgoing`) instead,
 * which @hono/node-server's `writeHead` merges into every response: `GET /healthz` on the whole app
 * took 8% less server CPU per request than through `c.header` (medians of 7 paired autocannon runs:
 * 171 against 187 µs, lower in 6 of 7; load average 7–10 on 2 cores, issue #18), so Hono's
 * middleware is not used. Elsewhere (workerd, `app.request` in tests) it is `c.header`.
 *
 * @example app.use(requestIdentity());
 */
export function requestIdentity(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const id = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', id);
    const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) outgoing.setHeader('X-Request-Id', id);
    else c.header('X-Request-Id', id);
    await next();
  };
}
