import { retentionPolicy, type NodeConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { SqliteFeedbackStore } from '../feedback/sqlite-feedback-store.js';
import type { Logger } from '../logger.js';
import { loadStaticAssets } from './node-assets.js';
import { openFeedbackStore } from './node-feedback.js';

/**
 * What the widget needs on Node: the built files of `PUBLIC_DIR` (read once, here) and the
 * SQLite feedback store at `FEEDBACK_DB` (checked: the server does not start over storage that
 * cannot take a write), with the retention of `FEEDBACK_MAX_*`.
 *
 * @example createApp({ index, logger, ...(await loadWidgetDeps(config, logger)) })
 */
export async function loadWidgetDeps(
  config: Pick<NodeConfig, 'FEEDBACK_DB' | 'PUBLIC_DIR' | 'FEEDBACK_MIN_FREE_MB' | 'FEEDBACK_SYNCHRONOUS' | 'FEEDBACK_MAX_AGE_DAYS' | 'FEEDBACK_MAX_QUESTIONS' | 'FEEDBACK_MAX_VERDICTS'>,
  logger: Logger,
): Promise<Pick<AppDeps, 'staticAssets'> & { readonly feedback: SqliteFeedbackStore | undefined }> {
  const { assets, paths } = await loadStaticAssets(config.PUBLIC_DIR);
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
      else if (outcome.pruned.questions + outcome.pruned.verdicts > 0) logger.info('feedback_pruned', { ...outcome.pruned, walBytes: outcome.walBytes });
    },
  });
  return { staticAssets: assets, feedback };
}
