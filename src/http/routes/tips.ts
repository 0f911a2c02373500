import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { z } from 'zod';
import { createJsonCache, jsonText } from '../json-response.js';
import type { searchResultSchema } from '../openapi/schemas.js';
import { ProblemException } from '../problem.js';
import { searchRequestSchema } from '../schemas.js';
import { jsonBody } from '../validation.js';

/** `GET /v1/tips` (the catalogue and the knowledge files) and `GET /v1/tips/:id` (one tip, whole). */
export function tipRoutes(assistant: Assistant) {
  const list = assistant.tips.map(({ id, title, section, source, facets }) => ({
    id,
    title,
    section,
    file: source.file,
    facets: facets.map((f) => f.kind),
  }));
  const catalogue = { tips: list, files: assistant.files };
  return new Hono()
    .get('/v1/tips', (c) => c.json(catalogue))
    .get('/v1/tips/:id', (c) => {
      const tip = assistant.tip(c.req.param('id'));
      if (!tip) {
        throw new ProblemException(404, {
          type: 'urn:pymem:problem:unknown-tip',
          title: 'Unknown tip',
          detail: `No tip has the id "${c.req.param('id')}". GET /v1/tips lists them.`,
        });
      }
      return c.json(tip);
    });
}

/** A search result: the tip, scored, with its text and code (the type of its documented schema). */
export type SearchResult = z.output<typeof searchResultSchema>;

/** `POST /v1/search`: the top tips for a query, scored, with their text and code. */
export function searchRoutes(assistant: Assistant) {
  // A few MB: the renderings of the last ~1,000 searches of 5 tips.
  const rendered = createJsonCache({ maxChars: 4 * 1024 * 1024, maxKeyChars: 2_000 });
  return new Hono().post('/v1/search', ...jsonBody(searchRequestSchema), async (c) => {
    const { query, k } = c.req.valid('json');
    const json = await rendered.render(`${k}\n${query}`, async () => {
      const failuresBefore = assistant.embedderFailures();
      const scored = await assistant.search(query, k);
      const results: SearchResult[] = scored.map(({ tip, score }) => ({
        id: tip.id,
        title: tip.title,
        section: tip.section,
        score,
        text: tip.text,
        examples: [...tip.examples],
        source: tip.source,
      }));
      return { value: { results }, keep: assistant.embedderFailures() === failuresBefore };
    });
    return jsonText<{ results: SearchResult[] }>(c, json);
  });
}
