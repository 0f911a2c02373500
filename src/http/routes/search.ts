import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { AppEnv } from '../../deps.js';
import { jsonBody } from '../json-body.js';
import { searchRequestSchema } from '../schemas.js';

/** `POST /v1/search`: the top tips for a query, scored, with their text and code. */
export function searchRoutes(assistant: Assistant) {
  return new Hono<AppEnv>().post('/v1/search', ...jsonBody(searchRequestSchema), async (c) => {
    const { query, k } = c.req.valid('json');
    const scored = await assistant.search(query, k);
    const results = scored.map(({ tip, score }) => ({
      id: tip.id,
      title: tip.title,
      section: tip.section,
      score,
      text: tip.text,
      examples: tip.examples,
      source: tip.source,
    }));
    return c.json({ results });
  });
}
