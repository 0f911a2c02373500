import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Assistant } from '../../assistant.js';
import { tipMarkdown } from './format.js';

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
