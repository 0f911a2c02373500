import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import { recordOutcome } from '../../http/middleware/request-observer.js';

type McpHandler = typeof import('./server.js').handleMcpRequest;

/**
 * `POST /mcp`: the MCP Streamable HTTP endpoint, stateless (a server and transport per request,
 * no session ids) with JSON replies, so it runs the same on Node and Workers. GET and DELETE are
 * 405 (no sessions, no server-initiated stream), which MCP clients expect of a stateless server.
 * API keys and rate limits apply through the app's middleware. The MCP SDK (~25 MB of modules on
 * Node) loads with the first request.
 *
 * @example app.route('/', mcpRoutes(assistant))
 */
export function mcpRoutes(assistant: Assistant) {
  let handler: Promise<McpHandler> | undefined;
  return new Hono().post('/mcp', async (c) => {
    const handle = await (handler ??= import('./server.js').then((m) => m.handleMcpRequest));
    return handle(assistant, c.req.raw, (outcome) => recordOutcome(c, outcome));
  });
}
