import { createApp, type AppType } from './app.js';
import { createWorkerDeps } from './platform/worker/deps.js';

// Built on the first request (bindings arrive with it) and kept for the isolate's life.
let app: Promise<AppType> | undefined;

// `Env` is generated from wrangler.toml by `wrangler types` (worker-configuration.d.ts, checked current
// by test/platform/worker-configuration.test.ts); passing it to createWorkerDeps checks that every
// binding declared there has the type the code reads.
export default {
  async fetch(request, env, ctx) {
    app ??= createWorkerDeps(env).then(createApp);
    return (await app).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
