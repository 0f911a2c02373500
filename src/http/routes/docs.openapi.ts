import { z } from 'zod';
import { standardHeaders } from '../openapi/components.js';
import type { OperationGroup } from '../openapi/registry.js';

/** `GET /openapi.json` and `GET /docs`. */
export const referenceOperations: OperationGroup = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['Reference'],
    summary: 'This OpenAPI 3.1 document',
    description: 'Always public. Generated from the zod schemas the routes validate with.',
    security: [],
    responses: {
      200: {
        description: 'The document.',
        headers: standardHeaders(),
        content: {
          'application/json': {
            schema: z
              .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }) })
              .loose(),
          },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/docs',
    operationId: 'getReferencePage',
    tags: ['Reference'],
    summary: 'Interactive API reference',
    description:
      'Always public. Swagger UI over this document, with every script and style served by this service (no CDN), so it works offline.',
    security: [],
    responses: {
      200: {
        description: 'The HTML page.',
        headers: standardHeaders(),
        content: { 'text/html': { schema: z.string() } },
      },
    },
  });
};
