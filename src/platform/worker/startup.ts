import { PROBLEM_CONTENT_TYPE, problemDetails } from '../../http/problem.js';
import { createJsonLogger } from '../../logger.js';

/** What the Worker serves once started: the app's `fetch`, with the Worker's own arguments. */
export interface StartedWorker<Env, Ctx> {
  fetch(request: Request, env: Env, ctx: Ctx): Response | Promise<Response>;
}

/** Asked of a client whose request met a failed start-up; the next request starts again anyway. */
export const STARTUP_RETRY_AFTER_SECONDS = 1;

/**
 * The Worker's `fetch`: starts the app on the first request (the bindings arrive with it) and keeps
 * it for the isolate's life. A start-up that fails (its index could not be read from the static
 * assets) is not kept: the requests waiting on it get a 503 problem with `Retry-After`, instead of
 * Cloudflare's error page, and the next request starts again, instead of the isolate answering
 * every request with the same rejected start-up until it is recycled.
 *
 * @example export default { fetch: startedOnFirstRequest((env: Env) => createWorkerDeps(env).then(createApp)) };
 */
export function startedOnFirstRequest<Env, Ctx>(
  start: (env: Env) => Promise<StartedWorker<Env, Ctx>>,
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  let started: Promise<StartedWorker<Env, Ctx>> | undefined;
  const logger = createJsonLogger();
  return async (request, env, ctx) => {
    const attempt = (started ??= start(env));
    let app: StartedWorker<Env, Ctx>;
    try {
      app = await attempt;
    } catch (error) {
      if (started === attempt) started = undefined;
      logger.error('startup_failed', { error: String(error) });
      const body = problemDetails(503, {
        detail: 'The service could not start (the Worker log, `wrangler tail`, says why); retry.',
      });
      return new Response(JSON.stringify(body), {
        status: 503,
        headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': String(STARTUP_RETRY_AFTER_SECONDS) },
      });
    }
    return app.fetch(request, env, ctx);
  };
}
