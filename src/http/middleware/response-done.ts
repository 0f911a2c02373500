import type { Context } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `eventStream`: the response is Server-Sent Events, observed when its last event is sent. */
    eventStream: boolean | undefined;
  }
}

/**
 * Calls `done` once the response is complete: right away for ordinary bodies, and when the last
 * chunk has been sent for Server-Sent Events made with `eventStream` (so a streamed answer is logged with its full
 * duration and the outcome recorded while it streamed). Call it after `await next()`.
 *
 * @example
 * app.use(async (c, next) => { await next(); onResponseDone(c, () => log(c.res.status)); });
 */
export function onResponseDone(c: Context, done: () => void): void {
  // The flag, not the Content-Type: reading `c.res.headers` makes @hono/node-server build a
  // WHATWG Headers object for every response, and write it out the slow way (issue #8).
  if (c.get('eventStream') !== true) {
    done();
    return;
  }
  const res = c.res;
  if (!res.body) {
    done();
    return;
  }
  let called = false;
  const once = () => {
    if (!called) {
      called = true;
      done();
    }
  };
  // Pass the chunks through, noticing the end, or a client that disconnects (a cancel).
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) {
        controller.close();
        once();
      } else {
        controller.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      once();
      return reader.cancel(reason);
    },
  });
  c.res = new Response(body, res);
}
