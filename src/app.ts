import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DEFAULT_ANSWER_OPTIONS, type AnswerSettings } from './answer/answer-options.js';
import { createAssistant } from './assistant.js';
import type { AppDeps, AppEnv } from './deps.js';
import { LIMITS } from './http/limits.js';
import { ProblemException, problemResponse } from './http/problem.js';
import { askRoutes } from './http/routes/ask.js';
import { healthRoutes } from './http/routes/health.js';
import { searchRoutes } from './http/routes/search.js';
import { tipRoutes } from './http/routes/tips.js';
import { createJsonLogger } from './logger.js';

/**
 * Builds the whole HTTP service. Node and the Worker call it with their own dependencies; tests
 * call it with theirs.
 *
 * @example
 * const app = createApp({ index: await loadIndexFromDisk('build/index', createDefaultEmbedder()) });
 * const res = await app.request('/v1/ask', { method: 'POST', body: JSON.stringify({ question: 'gc?' }), headers: { 'content-type': 'application/json' } });
 */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? createJsonLogger();
  const settings: AnswerSettings = { ...DEFAULT_ANSWER_OPTIONS, ...deps.answer };
  const assistant = createAssistant(deps.index, settings);
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => methodProblem(c, methods) }));
  app.use(
    bodyLimit({
      maxSize: LIMITS.bodyBytes,
      onError: (c) => problemResponse(c, 413, { detail: `The request body is over ${LIMITS.bodyBytes / 1024} KiB.` }),
    }),
  );

  const routes = app
    .route('/', healthRoutes(assistant))
    .route('/', tipRoutes(assistant))
    .route('/', searchRoutes(assistant))
    .route('/', askRoutes(assistant));

  app.notFound((c) => problemResponse(c, 404, { detail: `No route for ${c.req.method} ${c.req.path}.` }));
  app.onError((err, c) => {
    if (err instanceof ProblemException) return problemResponse(c, err.status, err.problem, err.headers);
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, err.status as ContentfulStatusCode, { detail: err.message || 'Bad request.' });
    }
    logger.error('unhandled_error', { requestId: c.get('requestId'), path: c.req.path, error: String(err), stack: (err as Error).stack });
    return problemResponse(c, 500, { detail: 'Something went wrong on our side; the request id identifies it in the logs.' });
  });
  return routes;
}

function methodProblem(c: Parameters<typeof problemResponse>[0], methods: string[]): Response {
  const allow = methods.join(', ');
  return problemResponse(c, 405, { detail: `${c.req.method} is not allowed here; use ${allow}.` }, { Allow: allow });
}

export type AppType = ReturnType<typeof createApp>;
