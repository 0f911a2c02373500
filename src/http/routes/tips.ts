import { Hono } from 'hono';
import type { Assistant } from '../../assistant.js';
import { ProblemException } from '../problem.js';

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
