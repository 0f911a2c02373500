import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { botOperations } from '../../integrations/chat/openapi.js';
import { mcpOperations } from '../../integrations/mcp/openapi.js';
import { openAiCompatOperations } from '../../integrations/openai-compat/openapi.js';
import { widgetOperations } from '../../integrations/widget/openapi.js';
import { analyzeOperations } from '../routes/analyze.openapi.js';
import { askOperations, askStreamOperations } from '../routes/ask.openapi.js';
import { referenceOperations } from '../routes/docs.openapi.js';
import { feedbackOperations } from '../routes/feedback.openapi.js';
import { healthOperations, metricsOperations } from '../routes/health.openapi.js';
import { searchOperations, tipOperations } from '../routes/tips.openapi.js';
import { registerSecuritySchemes } from './components.js';
import type { OperationContext, OperationGroup } from './registry.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Version of the HTTP API the document describes (not of the package). */
export const API_VERSION = '1.0.0';

export interface OpenApiDocumentOptions {
  /** Whether API keys are configured: then `/v1/*` and `/mcp` require one. Default false. */
  readonly authRequired?: boolean;
  /** The route groups to describe; default every group of the service. */
  readonly groups?: readonly OperationGroup[];
}

/**
 * The OpenAPI 3.1 document of the service, generated from the zod schemas the routes validate
 * with (`@asteasolutions/zod-to-openapi`). It describes the deployment: with API keys configured,
 * the API routes' `security` is required instead of optional.
 *
 * @example const doc = buildOpenApiDocument({ authRequired: true }); doc.paths['/v1/ask'].post
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry);
  const context: OperationContext = {
    apiSecurity: options.authRequired ? [{ apiKey: [] }] : [{}, { apiKey: [] }],
    adminSecurity: [{ adminToken: [] }],
  };
  for (const group of options.groups ?? OPERATION_GROUPS) group(registry, context);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'pymem-assistant',
      version: API_VERSION,
      description:
        'Answers Python memory questions from a curated guidance, and only from it: every answer quotes and cites ' +
        "the guidance's tips. Errors are RFC 9457 `application/problem+json`. Every response carries `X-Request-Id`.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [...TAGS],
  });
}

/** Every route group's operations, in the order the document lists them. */
export const OPERATION_GROUPS: readonly OperationGroup[] = [
  askOperations,
  askStreamOperations,
  searchOperations,
  tipOperations,
  analyzeOperations,
  openAiCompatOperations,
  feedbackOperations,
  mcpOperations,
  botOperations,
  widgetOperations,
  healthOperations,
  metricsOperations,
  referenceOperations,
];

/** The document's tags, in display order. */
export const TAGS = [
  { name: 'Answers', description: 'Grounded, cited answers and search over the guidance.' },
  { name: 'Tips', description: 'The guidance, tip by tip.' },
  { name: 'Analysis', description: 'Memory anti-patterns in pasted Python, each cited to a tip.' },
  {
    name: 'OpenAI-compatible',
    description: 'Chat completions and models in OpenAI\'s shapes, for tools that take an "OpenAI base URL".',
  },
  { name: 'Feedback', description: "Readers' verdicts on answers, and what to improve." },
  { name: 'MCP', description: 'The Model Context Protocol server for editors and assistants.' },
  { name: 'Chat bots', description: "Slack and Discord webhooks, verified by the platforms' signatures." },
  { name: 'Widget', description: 'The embeddable help-desk widget and its demo page.' },
  { name: 'Service', description: 'Health and metrics.' },
  { name: 'Reference', description: 'This document and its interactive page.' },
] as const;
