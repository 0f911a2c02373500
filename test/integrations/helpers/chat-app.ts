import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/deps.js';
import { createPendingWork, type PendingWork } from '../../../src/integrations/chat/chat-runtime.js';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { builtIndex } from '../../helpers/built-index.js';
import { NOW_MS, SLACK_SECRET } from './signed-requests.js';

export interface ChatAppOptions {
  readonly stubUrl: string;
  readonly discordPublicKey?: string;
  /** Lets the app read a thread's earlier messages (follow-ups). */
  readonly discordBotToken?: string;
  readonly slack?: { signingSecret?: string; botToken?: string };
  readonly answerMayBeSlow?: boolean;
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** The real app (built index, real Assistant) with Slack and Discord pointed at the stub. */
export async function chatApp(options: ChatAppOptions) {
  const pendingWork: PendingWork = createPendingWork(options.logger ?? silentLogger);
  const deps: AppDeps = {
    index: await builtIndex(),
    logger: options.logger ?? silentLogger,
    pendingWork,
    now: options.now ?? (() => NOW_MS),
    answerMayBeSlow: options.answerMayBeSlow ?? false,
    platforms: {
      slack: {
        signingSecret: options.slack ? options.slack.signingSecret : SLACK_SECRET,
        botToken: options.slack ? options.slack.botToken : 'xoxb-test-token',
        apiBaseUrl: options.stubUrl,
      },
      discord: { publicKey: options.discordPublicKey, botToken: options.discordBotToken, apiBaseUrl: options.stubUrl },
    },
  };
  return { app: createApp(deps), pendingWork };
}
