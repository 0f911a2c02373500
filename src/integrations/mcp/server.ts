import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { z } from 'zod';
import type { Assistant } from '../../assistant.js';
import { LIMITS } from '../../http/limits.js';
import { answerOutcome, type RequestOutcome } from '../../http/middleware/request-observer.js';
import { analysisResultSchema, answerSchema, searchResponseSchema } from '../../http/openapi/schemas.js';
import { analyzeRequestSchema } from '../../http/routes/analyze.js';
import { askRequestSchema, searchRequestSchema } from '../../http/schemas.js';
import { analysisMarkdown, searchMarkdown, tipMarkdown } from './format.js';

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
  const refused = await oversizedBatch(request);
  if (refused) return refused;
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

/**
 * Most JSON-RPC messages in one POST (a batch). The rate limit counts HTTP requests, and each
 * message can be a question: the SDK's own cap, 100, let one request ask 60 questions of 2,000
 * made-up characters (430 ms of the request thread; as many cheap ones, more). MCP clients send one
 * message a request (the 2025-06-18 protocol has no batches); a batch from an older client is
 * small.
 */
export const MCP_MAX_BATCH = 8;

/** A JSON-RPC error reply (the SDK's shape, status 400) when the body is a batch over {@link MCP_MAX_BATCH}; else undefined. */
async function oversizedBatch(request: Request): Promise<Response | undefined> {
  let body: unknown;
  try {
    // A clone: the transport reads the body itself (and answers a malformed one as it should).
    body = JSON.parse(await request.clone().text());
  } catch {
    return undefined;
  }
  if (!Array.isArray(body) || body.length <= MCP_MAX_BATCH) return undefined;
  const message = `Invalid Request: a batch may hold at most ${MCP_MAX_BATCH} messages (it has ${body.length}); send one message a request`;
  return Response.json({ jsonrpc: '2.0', error: { code: -32600, message }, id: null }, { status: 400 });
}

const MARKDOWN = 'text/markdown';

/** Every tip as a resource `tip://{id}` (markdown), listed, readable and completable by id. */
export function registerTipResources(server: McpServer, assistant: Assistant): void {
  const template = new ResourceTemplate('tip://{id}', {
    list: () => ({
      resources: assistant.tips.map((tip) => ({
        uri: `tip://${tip.id}`,
        name: tip.id,
        title: tip.title,
        description: `${tip.section}: ${tip.title}`,
        mimeType: MARKDOWN,
      })),
    }),
    complete: { id: (prefix) => assistant.tips.map((t) => t.id).filter((id) => id.startsWith(prefix)) },
  });
  server.registerResource(
    'tip',
    template,
    {
      title: 'Guidance tip',
      description: 'One tip of the Python memory guidance, with its examples.',
      mimeType: MARKDOWN,
    },
    (uri, { id }) => {
      const tip = typeof id === 'string' ? assistant.tip(id) : undefined;
      if (!tip) throw new Error(`No tip has the id "${String(id)}"; list the resources to see them.`);
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: tipMarkdown(tip) }] };
    },
  );
}

/**
 * The schema as a tool's output schema. Its component `id` (for the OpenAPI document) would make
 * the JSON Schema a top-level `$ref`, and MCP requires `type: "object"` there; an `extend({})`
 * copy is a new object schema with the same fields and no id.
 */
// S carries the fields' types through `extend` into registerTool's handler arguments.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
const asToolSchema = <S extends z.ZodObject>(schema: S) => schema.extend({});

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/**
 * The three tools, each a thin adapter over the {@link Assistant}: the same answers, search and
 * analysis as the REST API, as markdown text plus structured content (the REST response body).
 */
export function registerTools(
  server: McpServer,
  assistant: Assistant,
  onOutcome: (outcome: RequestOutcome) => void,
): void {
  server.registerTool(
    'ask_python_memory',
    {
      title: 'Ask the Python memory guidance',
      description:
        'Answers a question about Python memory use (leaks, garbage collection, generators, string building, profiling…) from a curated guidance, quoting and citing its tips with example code. Optionally pass the Python code in question as `snippet`, and its language as `snippetLanguage` (the editor\'s language id) when you know it. Abstains (abstained: true) when the guidance does not cover the question: then do not invent an answer from it. `abstainReason` says why (`other_runtime`: about another language or runtime; `not_memory`: a Python question with no memory angle). With `coverage: "related"` it is a Python memory question no tip answers: the listed `related` tips are neighbouring topics, not the answer; say so if you mention them. With `triage: true` the question reports a leak, growth, a MemoryError or an OOM kill that no tip clearly matches: the answer gives the steps to find its cause (which kind of growth; which allocation sets the peak), not the cause itself.',
      inputSchema: askRequestSchema,
      outputSchema: asToolSchema(answerSchema),
      annotations: { title: 'Ask the Python memory guidance', ...READ_ONLY },
    },
    async (question) => {
      const answer = await assistant.ask(question);
      onOutcome({ ...answerOutcome(answer), tool: 'ask_python_memory' });
      return { content: [{ type: 'text', text: answer.answer }], structuredContent: answerSchema.parse(answer) };
    },
  );

  server.registerTool(
    'search_tips',
    {
      title: 'Search the guidance tips',
      description:
        'Finds the guidance tips most relevant to a query (words or identifiers such as `gc.collect` or `sys.intern`), best first, with their text, example code, score and `tip://` resource URI.',
      inputSchema: searchRequestSchema,
      outputSchema: asToolSchema(searchResponseSchema),
      annotations: { title: 'Search the guidance tips', ...READ_ONLY },
    },
    async ({ query, k }) => {
      const scored = await assistant.search(query, k);
      onOutcome({ tool: 'search_tips', ...(scored[0] ? { topScore: scored[0].score } : {}) });
      const results = scored.map(({ tip, score }) => ({ ...tip, score }));
      return {
        content: [{ type: 'text', text: searchMarkdown(query, scored) }],
        structuredContent: searchResponseSchema.parse({ results }),
      };
    },
  );

  server.registerTool(
    'analyze_python_snippet',
    {
      title: 'Find memory anti-patterns in Python code',
      description:
        'Parses Python code and reports memory anti-patterns (strings built with += in loops, unclosed files, whole-file reads, lists where generators do, lru_cache on methods, reference cycles, gc misuse, pandas/numpy growth in loops…), each with its 0-based line range, a suggested rewrite when obvious, and the knowledge unit that explains it (and the guidance tip it deepens). Broken code still yields findings plus syntax errors.',
      inputSchema: analyzeRequestSchema,
      outputSchema: asToolSchema(analysisResultSchema),
      annotations: { title: 'Find memory anti-patterns in Python code', ...READ_ONLY },
    },
    async ({ code, filename }) => {
      const analyzed = await assistant.analyze({ code, filename });
      const result = { ...analyzed, truncated: analyzed.truncated ?? false };
      onOutcome({ tool: 'analyze_python_snippet', findings: result.findings.length });
      return {
        content: [{ type: 'text', text: analysisMarkdown(result) }],
        structuredContent: analysisResultSchema.parse(result),
      };
    },
  );
}
