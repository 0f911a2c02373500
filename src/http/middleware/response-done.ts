import type { Context } from 'hono';

/**
 * Calls `done` once the response is complete: right away for ordinary bodies, and when the last
 * chunk has been sent for Server-Sent Events (so a streamed answer is logged with its full
 * duration and the outcome recorded while it streamed). Call it after `await next()`.
 *
 * @example
 * app.use(async (c, next) => { await next(); onResponseDone(c, () => log(c.res.status)); });
 */
export function onResponseDone(c: Context, done: () => void): void {
  const res = c.res;
  const isEventStream = (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  if (!isEventStream || !res.body) {
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
