/**
 * The ceiling of `npm run bench`: one Hono route returning a constant JSON object, served by
 * @hono/node-server like the real server, with nothing else (no middleware, no logging); and a
 * reference POST route that reads a JSON body and sends a constant 2 KB JSON. What the
 * service reaches is reported as a share of what this reaches on the same machine.
 *
 * Run: `PORT=8880 HOST=127.0.0.1 node --import tsx scripts/bench/bare-server.ts`
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// A 2 KB JSON body, about the size of an answer, serialized once: the reference for an endpoint that
// reads a JSON request and sends an answer-sized response, with no other work at all.
const ANSWER_SIZED = JSON.stringify({ answer: 'x'.repeat(1_900), abstained: false, citations: [] });

const app = new Hono();
app.get('/', (c) => c.json({ status: 'ok' }));
app.post('/answer', async (c) => {
  await c.req.json();
  return c.body(ANSWER_SIZED, 200, { 'content-type': 'application/json' });
});

const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 8880),
  hostname: process.env.HOST ?? '127.0.0.1',
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
