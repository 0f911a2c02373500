import { createApp } from './app.js';
import { createWorkerDeps } from './platform/worker/deps.js';
import { startedOnFirstRequest } from './platform/worker/startup.js';

// `Env` is generated from wrangler.toml by `wrangler types` (worker-configuration.d.ts, checked current
// by test/platform/worker-configuration.test.ts); passing it to createWorkerDeps checks that every
// binding declared there has the type the code reads. The app is built on the first request and kept
// for the isolate's life; a failed start-up is retried by the next request (platform/worker/startup.ts).
export default {
  fetch: startedOnFirstRequest((env: Env) => createWorkerDeps(env).then(createApp)),
} satisfies ExportedHandler<Env>;
