import { parseNodeConfig, parsePlatformsConfig, type NodeConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createPendingWork } from '../integrations/chat/pending-work.js';
import { createJsonLogger, type Logger } from '../logger.js';
import { createAnalysisPool, defaultAnalysisThreads } from './node-analysis-pool.js';
import { createConfiguredEmbedder } from './node-embedder.js';
import { closeFeedbackStore, FeedbackStorageError } from './node-feedback.js';
import { loadIndexFromDisk } from './node-index.js';
import { nodeHeaderWriter } from './node-header-writer.js';
import { createNodeLlm } from './node-llm.js';
import { nodeOperatorDeps } from './node-operator-deps.js';
import { loadWidgetDeps } from './node-widget.js';
import { createStdioLogSink } from './stdio-log-sink.js';

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
    responseHeaderWriter: nodeHeaderWriter,
  };
  // Chat replies still running may answer (and count) more, so the feedback store closes after them.
  const drain = async () => {
    await pendingWork.drain();
    await analyzer.close();
    closeFeedbackStore(widget.feedback, logger);
  };
  const stopAnalysis = () => void analyzer.close().catch((error: unknown) => logger.error('analysis_close_failed', { error: String(error) }));
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
  const known = error instanceof FeedbackStorageError || (error instanceof Error && error.message.startsWith('Invalid configuration'));
  process.stderr.write(`pymem-assistant did not start: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
}
