import { createApp } from './app.js';
import { createNodeDeps, exitOnStartupError } from './platform/node-deps.js';
import { connectionLimits, serveWithGracefulShutdown } from './platform/serve-node.js';

const { config, logger, deps, drain, stopAnalysis } = await createNodeDeps(process.env).catch(exitOnStartupError);
const app = createApp(deps);
const limits = connectionLimits(config);
serveWithGracefulShutdown({ fetch: app.fetch, port: config.PORT, host: config.HOST, logger, drain, onSignal: stopAnalysis, limits });
