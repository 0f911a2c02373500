import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import type { Assistant } from '../../assistant.js';
import type { RequestOutcome } from '../../http/middleware/request-observer.js';
import { registerTipResources } from './resources.js';
import { registerTools } from './tools.js';

export interface McpServerOptions {
  /** Called with what a tool produced (for the request log and metrics). */
  readonly onOutcome?: (outcome: RequestOutcome) => void;
  /** Reported to clients in `serverInfo`. */
  readonly version?: string;
}

const INSTRUCTIONS =
  'Answers Python memory questions from a curated guidance, and only from it. Use ask_python_memory for questions ' +
  '(pass code as `snippet`), search_tips to find tips, analyze_python_snippet to review code for memory ' +
  'anti-patterns; read tip://{id} resources for whole tips. Cite the tips you use. When an answer abstains, the ' +
  'guidance does not cover the question.';

/**
 * The MCP server: tools over the {@link Assistant} and the tips as resources. Built per request
 * (the HTTP transport is stateless), which is cheap: registration only stores definitions.
 *
 * @example
 * const server = createMcpServer(assistant);
 * await server.connect(new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true }));
 */
export function createMcpServer(assistant: Assistant, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'pymem-assistant', title: 'Python memory guidance', version: options.version ?? '1.0.0' },
    {
      instructions: INSTRUCTIONS,
      capabilities: { tools: {}, resources: {} },
      // Ajv (the SDK's default) compiles schemas with `new Function`, which Workers forbid; this
      // validator interprets them and runs on both platforms (wrangler.toml aliases Ajv away).
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
    },
  );
  registerTools(server, assistant, options.onOutcome ?? (() => {}));
  registerTipResources(server, assistant);
  return server;
}
