import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { DEFAULT_ANSWER_OPTIONS, type AnswerSettings } from './answer/answer-options.js';
import { createAssistant } from './assistant.js';
import type { AppDeps } from './deps.js';
import { apiCors } from './http/cors.js';
import { LIMITS } from './http/limits.js';
import { apiGuards, failedAuthOf, GUARDED_PATHS, keysConfigured } from './http/middleware/auth.js';
import { measureRequests } from './http/middleware/metrics.js';
import { requestBodyLimit } from './http/middleware/request-body-limit.js';
import { requestIdentity } from './http/middleware/request-id.js';
import { logRequests } from './http/middleware/request-log.js';
import { observeRequests } from './http/middleware/request-observer.js';
import { analysisRefusal, ProblemException, problemResponse } from './http/problem.js';
import { analyzeRoutes } from './http/routes/analyze.js';
import { askRoutes, askStreamRoutes } from './http/routes/ask.js';
import { docsRoutes } from './http/routes/docs.js';
import { feedbackRoutes } from './http/routes/feedback.js';
import { healthRoutes, metricsRoutes } from './http/routes/health.js';
import { searchRoutes, tipRoutes } from './http/routes/tips.js';
import { discordRoutes } from './integrations/discord/discord-routes.js';
import { mcpRoutes } from './integrations/mcp/routes.js';
import { OPENAI_COMPAT_PATHS, openAiCompatRoutes } from './integrations/openai-compat/openai-compat-routes.js';
import { openAiErrorShape } from './integrations/openai-compat/openai-error-shape.js';
import { slackRoutes } from './integrations/slack/slack-routes.js';
import { widgetRoutes } from './integrations/widget/widget-routes.js';
import { createJsonLogger } from './logger.js';

/**
 * Builds the whole HTTP service. Node and the Worker call it with their own dependencies; tests
 * call it with theirs.
 *
 * @example
 * const app = createApp({ index: await loadIndexFromDisk('build/index') });
 * const res = await app.request('/v1/ask', { method: 'POST', body: JSON.stringify({ question: 'gc?' }), headers: { 'content-type': 'application/json' } });
 */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? createJsonLogger();
  const settings: AnswerSettings = { ...DEFAULT_ANSWER_OPTIONS, ...deps.answer };
  // With a feedback store, every answer is recorded so feedback can name it by answerId.
  const assistant = createAssistant(deps.index, settings, {
    llm: deps.llm,
    analyzer: deps.analyzer,
    feedback: deps.feedback,
    logger,
  });
  const app = new Hono();

  app.use(requestIdentity());
  app.use(observeRequests([logRequests(logger), ...(deps.metrics ? [measureRequests(deps.metrics)] : [])], deps.clock));
  // OpenAI clients parse { error: { message, type, code } }: every error there is reshaped, whoever raised it.
  for (const path of OPENAI_COMPAT_PATHS) app.use(path, openAiErrorShape());
  app.use(methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => methodProblem(c, methods) }));
  app.use(
    requestBodyLimit({
      maxSize: LIMITS.bodyBytes,
      onError: (c) => problemResponse(c, 413, { detail: `The request body is over ${LIMITS.bodyBytes / 1024} KiB.` }),
    }),
  );
  // CORS first, so preflights are answered before auth and rate limits, and their refusals carry CORS headers.
  app.use('/v1/*', apiCors(deps.allowedOrigins ?? []));
  const failedAuth = failedAuthOf(deps);
  for (const path of GUARDED_PATHS) app.use(path, ...apiGuards(deps, failedAuth));

  const routes = app
    .route('/', healthRoutes(assistant, deps.feedback))
    .route('/', tipRoutes(assistant))
    .route('/', searchRoutes(assistant))
    .route('/', askRoutes(assistant))
    .route('/', analyzeRoutes(assistant))
    .route('/', askStreamRoutes(assistant, logger))
    .route('/', feedbackRoutes({ store: deps.feedback, adminToken: deps.adminToken, logger, failedAuth }))
    .route('/', widgetRoutes({ assistant, assets: deps.staticAssets, publicUrl: deps.publicUrl }))
    .route('/', docsRoutes({ document: () => openApiDocument(keysConfigured(deps)), assets: deps.staticAssets }))
    .route('/', openAiCompatRoutes(assistant, { logger, now: deps.now }));
  // Not in the typed client: MCP (JSON-RPC, for MCP clients) and the Slack and Discord webhooks (signed by the platforms).
  app.route('/', mcpRoutes(assistant));
  app.route('/', slackRoutes(assistant, { ...deps, logger }));
  app.route('/', discordRoutes(assistant, { ...deps, logger }));
  if (deps.metrics) app.route('/', metricsRoutes(deps.metrics, deps.adminToken, failedAuth));

  app.notFound((c) => problemResponse(c, 404, { detail: `No route for ${c.req.method} ${c.req.path}.` }));
  app.onError((err, c) => {
    if (err instanceof ProblemException) return problemResponse(c, err.status, err.problem, err.headers);
    // A response made by the middleware that threw (the bearer guards' problem details, `hono/bearer-auth`).
    if (err instanceof HTTPException && err.res) return err.getResponse();
    const analysisProblem = analysisRefusal(err);
    if (analysisProblem)
      return problemResponse(c, analysisProblem.status, analysisProblem.problem, analysisProblem.headers);
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, err.status, { detail: err.message || 'Bad request.' });
    }
    logger.error('unhandled_error', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: String(err),
      stack: err.stack,
    });
    return problemResponse(c, 500, {
      detail: 'Something went wrong on our side; the request id identifies it in the logs.',
    });
  });
  return routes;
}

/**
 * The OpenAPI document, its builder (zod-to-openapi and every operation's description, ~30 MB of
 * modules on Node) loaded by the first `GET /openapi.json`, not at start-up.
 */
async function openApiDocument(authRequired: boolean) {
  const { buildOpenApiDocument } = await import('./http/openapi/document.js');
  return buildOpenApiDocument({ authRequired });
}

function methodProblem(c: Parameters<typeof problemResponse>[0], methods: string[]): Response {
  const allow = methods.join(', ');
  return problemResponse(c, 405, { detail: `${c.req.method} is not allowed here; use ${allow}.` }, { Allow: allow });
}

export type AppType = ReturnType<typeof createApp>;
