import { createApp, type AppType } from './app.js';
import { loadBundledIndex } from './platform/worker-index.js';
import { createDefaultEmbedder } from './retrieval/default-embedder.js';

// Built on the first request and kept for the isolate's life.
let app: Promise<AppType> | undefined;
const getApp = () => (app ??= loadBundledIndex(createDefaultEmbedder()).then((index) => createApp({ index })));

export default {
  async fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> {
    return (await getApp()).fetch(request, env, ctx as never);
  },
};
