import { z } from 'zod';
import { API_ERRORS, standardHeaders } from '../../http/openapi/components.js';
import type { OperationGroup } from '../../http/openapi/registry.js';

const jsonRpcMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number().int()]).optional(),
    method: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    result: z.unknown().optional(),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).optional(),
  })
  .meta({ id: 'JsonRpcMessage', description: 'A JSON-RPC 2.0 message of the Model Context Protocol.' });

/** `POST /mcp`. */
export const mcpOperations: OperationGroup = (registry, { apiSecurity }) => {
  registry.registerPath({
    method: 'post',
    path: '/mcp',
    operationId: 'mcp',
    tags: ['MCP'],
    summary: 'Model Context Protocol server (Streamable HTTP)',
    description:
      'An MCP server for editors and assistants, stateless: tools `ask_python_memory`, `search_tips`, `analyze_python_snippet`; every tip as a resource `tip://{id}` (markdown). Point an MCP client at this URL; send `Accept: application/json, text/event-stream`. Replies are JSON (never a held-open stream). GET and DELETE answer 405: there are no sessions.',
    security: apiSecurity,
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.union([jsonRpcMessage, z.array(jsonRpcMessage)]),
            examples: {
              listTools: {
                summary: 'List the tools',
                value: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
              },
              callTool: {
                summary: 'Ask a question',
                value: {
                  jsonrpc: '2.0',
                  id: 2,
                  method: 'tools/call',
                  params: { name: 'ask_python_memory', arguments: { question: 'how do I find a memory leak?' } },
                },
              },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'The JSON-RPC response.',
        headers: standardHeaders(true),
        content: { 'application/json': { schema: z.union([jsonRpcMessage, z.array(jsonRpcMessage)]) } },
      },
      202: { description: 'A notification or response from the client was accepted (no body).' },
      400: {
        description: 'Not a valid JSON-RPC message (a JSON-RPC error object).',
        content: { 'application/json': { schema: jsonRpcMessage } },
      },
      406: {
        description: 'The `Accept` header does not allow both `application/json` and `text/event-stream`.',
        content: { 'application/json': { schema: jsonRpcMessage } },
      },
      ...API_ERRORS,
    },
  });
};
