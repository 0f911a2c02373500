import { createApp, type AppType } from './app.js';
import { createWorkerDeps, type WorkerEnv } from './platform/worker-deps.js';

// Built on the first request (bindings arrive with it) and kept for the isolate's life.
let app: Promise<AppType> | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    app ??= createWorkerDeps(env).then(createApp);
    return (await app).fetch(request, env, ctx);
  },
};

type ExecutionContextLike = Parameters<AppType['fetch']>[2];
