/**
 * The ceiling of `npm run bench`: one Hono route returning a constant JSON object, served by
 * @hono/node-server like the real server, with nothing else (no middleware, no logging). What the
 * service reaches is reported as a share of what this reaches on the same machine.
 *
 * Run: `PORT=8880 HOST=127.0.0.1 node --import tsx scripts/bench/bare-server.ts`
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ status: 'ok' }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8880), hostname: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => server.close(() => process.exit(0)));
