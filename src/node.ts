import { createApp } from './app.js';
import { createNodeDeps } from './platform/node-deps.js';
import { serveWithGracefulShutdown } from './platform/serve-node.js';

const { config, logger, deps, drain } = await createNodeDeps(process.env);
const app = createApp(deps);
serveWithGracefulShutdown({ fetch: app.fetch, port: config.PORT, host: config.HOST, logger, drain });
