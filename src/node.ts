import { createApp } from './app.js';
import { createNodeDeps } from './platform/node-deps.js';
import { serveWithGracefulShutdown } from './platform/serve-node.js';
import { announceListening } from './platform/startup-banner.js';

const { config, logger, deps, drain } = await createNodeDeps(process.env);
const app = createApp(deps);
const keysRequired = config.API_KEYS.length + config.WIDGET_KEYS.length > 0;
serveWithGracefulShutdown({
  fetch: app.fetch,
  port: config.PORT,
  host: config.HOST,
  logger,
  drain,
  onListening: (port) => announceListening({ host: config.HOST, port, keysRequired }, logger),
});
