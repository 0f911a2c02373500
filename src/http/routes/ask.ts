import { Hono } from 'hono';
import type { AnswerSettings } from '../../answer/answer-options.js';
import { answerQuestion } from '../../answer/answer-question.js';
import type { AppEnv } from '../../deps.js';
import type { LoadedIndex } from '../../retrieval/load-retriever.js';
import { jsonBody } from '../json-body.js';
import { askRequestSchema } from '../schemas.js';

/** `POST /v1/ask`: a grounded, cited answer, or an abstention. */
export function askRoutes(index: LoadedIndex, settings: AnswerSettings) {
  return new Hono<AppEnv>().post('/v1/ask', ...jsonBody(askRequestSchema), async (c) => {
    return c.json(await answerQuestion(index, settings, c.req.valid('json')));
  });
}
