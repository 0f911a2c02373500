import { createApp } from './app.js';
import { parseNodeConfig, parsePlatformsConfig } from './config.js';
import { createPendingWork } from './integrations/chat/pending-work.js';
import { createJsonLogger } from './logger.js';
import { createConfiguredEmbedder } from './platform/node-embedder.js';
import { loadIndexFromDisk } from './platform/node-index.js';
import { createNodeLlm } from './platform/node-llm.js';
import { nodeOperatorDeps } from './platform/node-operator-deps.js';
import { loadWidgetDeps } from './platform/node-widget.js';
import { serveWithGracefulShutdown } from './platform/serve-node.js';

const config = parseNodeConfig(process.env);
const logger = createJsonLogger();
const pendingWork = createPendingWork(logger);
const app = createApp({
  // A remote embedder failing at query time degrades search to BM25 and coverage, logged.
  index: await loadIndexFromDisk(config.INDEX_DIR, await createConfiguredEmbedder(process.env), {
    onEmbedderError: (error) => logger.error('embedder_failed', { error: String(error) }),
  }),
  logger,
  llm: await createNodeLlm(process.env, config.PROMPTS_DIR),
  ...nodeOperatorDeps(config),
  ...(await loadWidgetDeps(config, logger)),
  platforms: parsePlatformsConfig(process.env),
  pendingWork,
});
serveWithGracefulShutdown({ fetch: app.fetch, port: config.PORT, host: config.HOST, logger, drain: () => pendingWork.drain() });
