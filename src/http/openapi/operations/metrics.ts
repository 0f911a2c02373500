import { z } from 'zod';
import { ADMIN_ERRORS } from '../components.js';
import type { OperationGroup } from '../registry.js';

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
