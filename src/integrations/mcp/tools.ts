import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Assistant } from '../../assistant.js';
import { answerOutcome, type RequestOutcome } from '../../http/middleware/request-outcome.js';
import { analysisResultSchema, answerSchema, searchResponseSchema } from '../../http/openapi/schemas.js';
import { analyzeRequestSchema } from '../../http/routes/analyze.js';
import { askRequestSchema, searchRequestSchema } from '../../http/schemas.js';
import { analysisMarkdown, searchMarkdown } from './format.js';

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
        'Answers a question about Python memory use (leaks, garbage collection, generators, string building, profiling…) from a curated guidance, quoting and citing its tips with example code. Optionally pass the Python code in question as `snippet`. Abstains (abstained: true) when the guidance does not cover the question: then do not invent an answer from it. `abstainReason` says why (`other_runtime`: about another language or runtime; `not_memory`: a Python question with no memory angle). With `coverage: "related"` it is a Python memory question no tip answers: the listed `related` tips are neighbouring topics, not the answer; say so if you mention them.',
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
