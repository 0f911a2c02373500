import { createApp } from './app.js';
import { parseNodeConfig } from './config.js';
import { createJsonLogger } from './logger.js';
import { loadIndexFromDisk } from './platform/node-index.js';
import { serveWithGracefulShutdown } from './platform/serve-node.js';
import { createDefaultEmbedder } from './retrieval/default-embedder.js';

const config = parseNodeConfig(process.env);
const logger = createJsonLogger();
const app = createApp({ index: await loadIndexFromDisk(config.INDEX_DIR, createDefaultEmbedder()), logger });
serveWithGracefulShutdown({ fetch: app.fetch, port: config.PORT, host: config.HOST, logger });
