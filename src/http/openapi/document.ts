import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerSecuritySchemes } from './components.js';
import { OPERATION_GROUPS, TAGS } from './operations/index.js';
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
