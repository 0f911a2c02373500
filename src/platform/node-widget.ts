import type { NodeConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { SqliteFeedbackStore } from '../feedback/sqlite-feedback-store.js';
import type { Logger } from '../logger.js';
import { loadStaticAssets } from './node-assets.js';
import { openFeedbackStore } from './node-feedback.js';

/**
 * What the widget needs on Node: the built files of `PUBLIC_DIR` (read once, here) and the
 * SQLite feedback store at `FEEDBACK_DB`.
 *
 * @example createApp({ index, logger, ...(await loadWidgetDeps(config, logger)) })
 */
export async function loadWidgetDeps(
  config: Pick<NodeConfig, 'FEEDBACK_DB' | 'PUBLIC_DIR'>,
  logger: Logger,
): Promise<Pick<AppDeps, 'staticAssets'> & { readonly feedback: SqliteFeedbackStore | undefined }> {
  const { assets, paths } = await loadStaticAssets(config.PUBLIC_DIR);
  if (!paths.includes('/widget.js')) {
    logger.error('widget_not_built', { dir: config.PUBLIC_DIR, hint: 'run `npm run build:widget`' });
  }
  const feedback = await openFeedbackStore(config.FEEDBACK_DB, {
    onFlushError: (error) => logger.error('feedback_flush_failed', { error: String(error) }),
  });
  return { staticAssets: assets, feedback };
}
