import { Hono } from 'hono';
import type { Answer } from '../../answer/types.js';
import type { Assistant } from '../../assistant.js';
import { jsonBody } from '../json-body.js';
import { jsonText } from '../json-text.js';
import { answerOutcome, recordOutcome } from '../middleware/request-outcome.js';
import { askRequestSchema } from '../schemas.js';

/** `POST /v1/ask`: a grounded, cited answer, or an abstention. */
export function askRoutes(assistant: Assistant) {
  return new Hono().post('/v1/ask', ...jsonBody(askRequestSchema), async (c) => {
    const answer = await assistant.ask(c.req.valid('json'), { signal: c.req.raw.signal });
    recordOutcome(c, answerOutcome(answer));
    return jsonText<Answer>(c, assistant.answerJson(answer));
  });
}
