import { z } from 'zod';
import { ADMIN_ERRORS, jsonContent, standardHeaders } from '../openapi/components.js';
import { type OperationGroup, responseExamples } from '../openapi/registry.js';
import { healthSchema } from '../openapi/schemas.js';
import { KNOWLEDGE_FILES_EXAMPLE } from './tips.openapi.js';

/** `GET /healthz`. */
export const healthOperations: OperationGroup = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tags: ['Service'],
    summary: 'Liveness, the loaded index and the feedback storage',
    description:
      'Always public. Says how many tips answers may use, which embedder the index uses, the knowledge hash, every knowledge file with its sha256 and whether answers use it (`KNOWLEDGE_FILES`), and whether the feedback storage takes writes (`storage`; `status: "degraded"` while it does not).',
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
                storage: { status: 'ok', freeBytes: 41_823_756_288, walBytes: 0 },
              },
            },
            degraded: {
              summary: 'Up, but the disk of FEEDBACK_DB is full: verdicts are refused with 503',
              value: {
                status: 'degraded',
                tips: 16,
                embedder: 'glove-sif-v1-100d-10138w-a5962ac1-00e3df79',
                knowledgeHash: '1f1b100dda9de8213b0bacf71e2aabdccca80c86163ed67c9e6b6f38f4339c6e',
                files: KNOWLEDGE_FILES_EXAMPLE,
                storage: {
                  status: 'failing',
                  lastError: { at: '2026-12-03T12:00:00.000Z', message: 'SqliteError: database or disk is full' },
                  freeBytes: 0,
                  walBytes: 4_120_032,
                },
              },
            },
          }),
        ),
      },
    },
  });
};

/** `GET /metrics` (Node). */
export const metricsOperations: OperationGroup = (registry, { adminSecurity }) => {
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tags: ['Service'],
    summary: 'Prometheus metrics (Node only)',
    description:
      'Request counts and latency histograms by route and status, answers and abstentions, analyzer findings, and the Node process metrics, in the Prometheus text format. Needs the admin token. Not served on Workers (404), which have their own analytics.',
    security: adminSecurity,
    responses: {
      200: {
        description: 'The metrics.',
        content: {
          'text/plain; version=0.0.4': {
            schema: z.string(),
            example:
              '# HELP pymem_abstentions_total Answers that abstained.\n# TYPE pymem_abstentions_total counter\npymem_abstentions_total{route="/v1/ask"} 3\n',
          },
        },
      },
      ...ADMIN_ERRORS,
    },
  });
};
