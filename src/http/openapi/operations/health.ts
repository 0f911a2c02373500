import { jsonContent, standardHeaders } from '../components.js';
import type { OperationGroup } from '../registry.js';
import { responseExamples } from '../registry.js';
import { healthSchema } from '../schemas.js';
import { KNOWLEDGE_FILES_EXAMPLE } from './tips.js';

/** `GET /healthz`. */
export const healthOperations: OperationGroup = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tags: ['Service'],
    summary: 'Liveness and the loaded index',
    description:
      'Always public. Says how many tips answers may use, which embedder the index uses, the knowledge hash, and every knowledge file with its sha256 and whether answers use it (`KNOWLEDGE_FILES`).',
    security: [],
    responses: {
      200: {
        description: 'The service is up.',
        headers: standardHeaders(),
        content: jsonContent(
          healthSchema,
          responseExamples(healthSchema, {
            ok: {
              summary: 'Up, with the built guidance',
              value: {
                status: 'ok',
                tips: 16,
                embedder: 'glove-sif-v1-100d-10138w-a5962ac1-00e3df79',
                knowledgeHash: '1f1b100dda9de8213b0bacf71e2aabdccca80c86163ed67c9e6b6f38f4339c6e',
                files: KNOWLEDGE_FILES_EXAMPLE,
              },
            },
          }),
        ),
      },
    },
  });
};
