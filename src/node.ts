import { createApp } from './app.js';
import { createNodeDeps, exitOnStartupError } from './platform/node/deps.js';
import { announceListening, connectionLimits, serveWithGracefulShutdown } from './platform/node/serve.js';

const { config, logger, deps, drain, stopAnalysis } = await createNodeDeps(process.env).catch(exitOnStartupError);
const app = createApp(deps);
const keysRequired = config.API_KEYS.length + config.WIDGET_KEYS.length > 0;
serveWithGracefulShutdown({
  fetch: app.fetch,
  port: config.PORT,
  host: config.HOST,
  logger,
  drain,
  onSignal: stopAnalysis,
  limits: connectionLimits(config),
  onListening: (port) => announceListening({ host: config.HOST, port, keysRequired }, logger),
});
