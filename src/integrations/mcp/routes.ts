import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { AppEnv } from '../../deps.js';
import { LIMITS } from '../../http/limits.js';
import { recordOutcome } from '../../http/middleware/request-outcome.js';
import { createMcpServer } from './server.js';

/**
 * `POST /mcp`: the MCP Streamable HTTP endpoint, stateless (a server and transport per request,
 * no session ids) with JSON replies, so it runs the same on Node and Workers. GET and DELETE are
 * 405 (no sessions, no server-initiated stream), which MCP clients expect of a stateless server.
 * API keys and rate limits apply through the app's middleware.
 *
 * @example app.route('/', mcpRoutes(assistant))
 */
export function mcpRoutes(assistant: Assistant) {
  return new Hono<AppEnv>().post('/mcp', async (c) => {
    const server = createMcpServer(assistant, { onOutcome: (outcome) => recordOutcome(c, outcome) });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: LIMITS.bodyBytes,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
}
