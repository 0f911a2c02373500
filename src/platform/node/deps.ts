import { getConnInfo } from '@hono/node-server/conninfo';
// sonic-boom is CommonJS: its class is the default export, and carries itself as `.SonicBoom`,
// which is also what its type declarations name.
import sonicBoom from 'sonic-boom';
import { parseNodeConfig, parsePlatformsConfig, retentionPolicy, type NodeConfig } from '../../config.js';
import { accessDeps, type AppDeps } from '../../deps.js';
import type { SqliteFeedbackStore } from '../../feedback/sqlite-feedback-store.js';
import { forwardedClientAddress } from '../../http/middleware/rate-limit.js';
import { createPendingWork } from '../../integrations/chat/chat-runtime.js';
import { createJsonLogger, type LogSink, type Logger } from '../../logger.js';
import { createTokenBucketLimiter } from '../../http/rate-limiter.js';
import { INDEX_ASSETS_FOLDER } from '../../retrieval/index-artifacts.js';
import { createAnalysisPool, defaultAnalysisThreads } from './analysis-pool.js';
import { closeFeedbackStore, FeedbackStorageError, openFeedbackStore } from './feedback-store.js';
import { createConfiguredEmbedder, loadIndexFromDisk } from './load-index.js';
import { createNodeLlm } from './llm.js';
import { createPrometheusMetrics } from './metrics.js';
import { loadStaticAssets } from './static-assets.js';

export interface NodeDeps {
  readonly config: NodeConfig;
  readonly logger: Logger;
  readonly deps: AppDeps;
  /**
   * For shutdown: resolves when background work (bot replies posted after the HTTP response) has
   * finished and the answer counts kept in memory are written (the feedback store is then closed).
   */
  readonly drain: () => Promise<void>;
  /** For shutdown, at the signal: stops the analysis threads, so requests waiting on them end now (503) instead of holding shutdown up. */
  readonly stopAnalysis: () => void;
}

/** The app's dependencies from the process environment and the disk. */
export async function createNodeDeps(env: NodeJS.ProcessEnv): Promise<NodeDeps> {
  const config = parseNodeConfig(env);
  const logger = createJsonLogger(createStdioLogSink());
  const pendingWork = createPendingWork(logger);
  // A remote embedder failing at query time degrades search to BM25 and coverage, logged.
  const index = await loadIndexFromDisk(config.INDEX_DIR, await createConfiguredEmbedder(env), {
    onEmbedderError: (error) => logger.error('embedder_failed', { error: String(error) }),
    files: config.KNOWLEDGE_FILES,
  });
  const widget = await loadWidgetDeps(config, logger);
  const analyzer = createAnalysisPool({
    threads: config.ANALYSIS_THREADS ?? defaultAnalysisThreads(),
    timeoutMs: config.ANALYSIS_TIMEOUT_MS,
    maxQueue: config.ANALYSIS_QUEUE,
    logger,
  });
  const deps: AppDeps = {
    index,
    logger,
    analyzer,
    llm: await createNodeLlm(env, config.PROMPTS_DIR),
    ...nodeOperatorDeps(config),
    ...widget,
    platforms: parsePlatformsConfig(env),
    pendingWork,
  };
  // Chat replies still running may answer (and count) more, so the feedback store closes after them.
  const drain = async () => {
    await pendingWork.drain();
    await analyzer.close();
    closeFeedbackStore(widget.feedback, logger);
  };
  const stopAnalysis = () =>
    void analyzer.close().catch((error: unknown) => logger.error('analysis_close_failed', { error: String(error) }));
  return { config, logger, deps, drain, stopAnalysis };
}

/**
 * Ends a start-up that failed on its configuration or storage with the reason on one line (the
 * message names the variable to fix: `Invalid configuration: API_KEYS.0: …`, `FEEDBACK_DB=…: …`)
 * and exit code 1; anything else keeps its stack.
 *
 * @example const { config, deps } = await createNodeDeps(process.env).catch(exitOnStartupError);
 */
export function exitOnStartupError(error: unknown): never {
  const known =
    error instanceof FeedbackStorageError ||
    (error instanceof Error && error.message.startsWith('Invalid configuration'));
  process.stderr.write(
    `pymem-assistant did not start: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
}

/**
 * Keys, rate limit (an in-memory token bucket), client address (the socket, or `X-Forwarded-For`
 * behind `TRUST_PROXY` proxies) and Prometheus metrics, for Node.
 *
 * @example createApp({ index, logger, ...nodeOperatorDeps(parseNodeConfig(process.env)) })
 */
export function nodeOperatorDeps(config: NodeConfig): Partial<AppDeps> {
  const perMinute = config.RATE_LIMIT_PER_MINUTE;
  return {
    ...accessDeps(config),
    rateLimiter: perMinute > 0 ? createTokenBucketLimiter({ perMinute, burst: config.RATE_LIMIT_BURST }) : undefined,
    // A request that came through no socket (`app.request` in tests and scripts) has no address.
    clientAddress: forwardedClientAddress(config.TRUST_PROXY, (c) =>
      (c.env as { incoming?: unknown } | undefined)?.incoming ? getConnInfo(c).remote.address : undefined,
    ),
    metrics: createPrometheusMetrics(),
  };
}

/**
 * What the widget needs on Node: the built files of `PUBLIC_DIR` (read once, here) and the
 * SQLite feedback store at `FEEDBACK_DB` (checked: the server does not start over storage that
 * cannot take a write), with the retention of `FEEDBACK_MAX_*`.
 *
 * @example createApp({ index, logger, ...(await loadWidgetDeps(config, logger)) })
 */
export async function loadWidgetDeps(
  config: Pick<
    NodeConfig,
    | 'FEEDBACK_DB'
    | 'PUBLIC_DIR'
    | 'FEEDBACK_MIN_FREE_MB'
    | 'FEEDBACK_SYNCHRONOUS'
    | 'FEEDBACK_MAX_AGE_DAYS'
    | 'FEEDBACK_MAX_QUESTIONS'
    | 'FEEDBACK_MAX_VERDICTS'
  >,
  logger: Logger,
): Promise<Pick<AppDeps, 'staticAssets'> & { readonly feedback: SqliteFeedbackStore | undefined }> {
  // The Worker's copy of the index: Node reads its own (INDEX_DIR), and would hold this one in memory twice.
  const { assets, paths } = await loadStaticAssets(config.PUBLIC_DIR, { exclude: [INDEX_ASSETS_FOLDER] });
  if (!paths.includes('/widget.js')) {
    logger.error('widget_not_built', { dir: config.PUBLIC_DIR, hint: 'run `npm run build:widget`' });
  }
  const feedback = await openFeedbackStore(config.FEEDBACK_DB, {
    onFlushError: (error) => logger.error('feedback_flush_failed', { error: String(error) }),
    retention: retentionPolicy(config),
    minFreeBytes: config.FEEDBACK_MIN_FREE_MB * 1024 * 1024,
    synchronous: config.FEEDBACK_SYNCHRONOUS,
    onMaintenance: (outcome) => {
      if ('error' in outcome) logger.error('feedback_maintenance_failed', { error: String(outcome.error) });
      else if (outcome.pruned.questions + outcome.pruned.verdicts > 0)
        logger.info('feedback_pruned', { ...outcome.pruned, walBytes: outcome.walBytes });
    },
  });
  return { staticAssets: assets, feedback };
}

/**
 * Log lines to stdout and stderr through sonic-boom (pino's writer): a line is appended to a
 * buffer and written by an asynchronous `fs.write`, lines written meanwhile go out together in
 * the next one. `console.log` instead makes one blocking write per line (stdout is a file or
 * pipe here, and Node writes those synchronously): with a request log line per request that was a
 * third of the server's time on `GET /healthz` (`npm run bench`, issue #8). Whatever is still
 * buffered is written synchronously when the process exits.
 *
 * @example const logger = createJsonLogger(createStdioLogSink());
 */
export function createStdioLogSink(): LogSink {
  const out = writer(1);
  const err = writer(2);
  process.once('exit', () => {
    out.flushSync();
    err.flushSync();
  });
  return {
    info: (line) => void out.write(Buffer.from(`${line}\n`)),
    error: (line) => void err.write(Buffer.from(`${line}\n`)),
  };
}

/** What is used of a sonic-boom in buffer mode (its type declarations only know string writes). */
interface BufferWriter {
  write(chunk: Buffer): boolean;
  flushSync(): void;
}

function writer(fd: 1 | 2): BufferWriter {
  // Buffer mode: in its string mode sonic-boom measures the whole pending text on every write.
  const boom = new sonicBoom.SonicBoom({ fd, sync: false, minLength: 8192, periodicFlush: 250, contentMode: 'buffer' });
  // A reader that went away (EPIPE) must not take the server down with an unhandled 'error'.
  boom.on('error', () => {});
  return boom as unknown as BufferWriter;
}
