import { Hono } from 'hono';
import type { AppEnv } from '../../deps.js';
import type { LoadedIndex } from '../../retrieval/load-retriever.js';
import { ProblemException } from '../problem.js';

/** `GET /v1/tips` (the catalogue) and `GET /v1/tips/:id` (one tip, whole). */
export function tipRoutes(index: LoadedIndex) {
  const byId = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  const list = index.knowledge.tips.map(({ id, title, section }) => ({ id, title, section }));
  return new Hono<AppEnv>()
    .get('/v1/tips', (c) => c.json({ tips: list }))
    .get('/v1/tips/:id', (c) => {
      const tip = byId.get(c.req.param('id'));
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
