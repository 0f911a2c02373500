import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { TipExample, TipSource } from '../../knowledge/types.js';
import { createJsonCache } from '../json-cache.js';
import { jsonBody } from '../json-body.js';
import { jsonText } from '../json-text.js';
import { searchRequestSchema } from '../schemas.js';

/** A search result: the tip, scored, with its text and code. */
export interface SearchResult {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly score: number;
  readonly text: string;
  readonly examples: readonly TipExample[];
  readonly source: TipSource;
}

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
        examples: tip.examples,
        source: tip.source,
      }));
      return { value: { results }, keep: assistant.embedderFailures() === failuresBefore };
    });
    return jsonText<{ results: SearchResult[] }>(c, json);
  });
}
