import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Assistant } from '../../assistant.js';
import { LIMITS } from '../../http/limits.js';
import type { RequestOutcome } from '../../http/middleware/request-outcome.js';
import { createMcpServer } from './server.js';

/**
 * Answers one MCP Streamable HTTP request statelessly: a server and a transport for this request
 * alone (no session ids), JSON replies, closed afterwards.
 *
 * @example return handleMcpRequest(assistant, c.req.raw, (outcome) => recordOutcome(c, outcome));
 */
export async function handleMcpRequest(
  assistant: Assistant,
  request: Request,
  onOutcome: (outcome: RequestOutcome) => void,
): Promise<Response> {
  const server = createMcpServer(assistant, { onOutcome });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: LIMITS.bodyBytes,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
