import { z } from 'zod';
import { problemResponseDoc, standardHeaders } from '../../http/openapi/components.js';
import type { OperationGroup } from '../../http/openapi/registry.js';

/** `GET /` (the demo page) and `GET /widget.js` (the help-desk widget). */
export const widgetOperations: OperationGroup = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/',
    operationId: 'getDemoPage',
    tags: ['Widget'],
    summary: 'Demo page',
    description: 'Always public. Explains the service and embeds the widget.',
    security: [],
    responses: {
      200: {
        description: 'The HTML page.',
        headers: standardHeaders(),
        content: { 'text/html': { schema: z.string() } },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/widget.js',
    operationId: 'getWidgetScript',
    tags: ['Widget'],
    summary: 'The help-desk widget script',
    description:
      'Always public. Embed with `<script src="https://HOST/widget.js" data-title="Python memory help" async></script>`. ETag and gzip; caches revalidate.',
    security: [],
    responses: {
      200: { description: 'The script.', content: { 'text/javascript': { schema: z.string() } } },
      304: { description: 'Not modified (`If-None-Match`).' },
      404: problemResponseDoc(404, 'The widget is not built on this server.', {
        type: 'urn:pymem:problem:not-found',
        title: 'Not Found',
        detail: 'The widget is not built on this server: run `npm run build:widget`.',
      }),
    },
  });
};
