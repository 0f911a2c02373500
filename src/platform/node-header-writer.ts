import type { HttpBindings } from '@hono/node-server';
import { honoHeaderWriter, type ResponseHeaderWriter } from '../http/middleware/request-id.js';

/**
 * Sets a header on Node's own `ServerResponse` (`c.env.outgoing`), which @hono/node-server's
 * `writeHead` merges into every response. A header set through Hono (`c.header`) instead turns
 * each response's headers into a WHATWG `Headers` object that @hono/node-server then copies out
 * field by field: a fifth of the server's time on `GET /healthz` for the request id alone
 * (`npm run bench`, issue #8). Outside a Node server (`app.request` in tests) it falls back to Hono.
 *
 * @example createApp({ ...deps, responseHeaderWriter: nodeHeaderWriter })
 */
export const nodeHeaderWriter: ResponseHeaderWriter = (c, name, value) => {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else honoHeaderWriter(c, name, value);
};
