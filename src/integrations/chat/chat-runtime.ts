import type { Assistant } from '../../assistant.js';
import type { Logger } from '../../logger.js';
import { createPendingWork, type PendingWork } from './pending-work.js';

/** How long a chat platform waits for an HTTP reply (Slack and Discord: 3 s), less a margin. */
export const DEFAULT_REPLY_DEADLINE_MS = 2_500;

/** What the Slack and Discord sub-apps share from the app's dependencies. */
export interface ChatRuntimeDeps {
  readonly logger: Logger;
  /** Clock in ms since the epoch; checks request timestamps. */
  readonly now?: (() => number) | undefined;
  /** Where Node keeps replies that run after the response; created when not given. */
  readonly pendingWork?: PendingWork | undefined;
  /**
   * When answers may take longer than a platform waits (default: the assistant is in LLM mode), chat replies are
   * deferred at once: Slack gets an acknowledgement and the answer through `response_url`,
   * Discord a deferred response and the answer through the interaction webhook.
   */
  readonly answerMayBeSlow?: boolean | undefined;
  /**
   * An answer not ready after this many ms is deferred the same way, whatever `answerMayBeSlow`
   * says, so the platform never times out. Default {@link DEFAULT_REPLY_DEADLINE_MS}.
   */
  readonly replyDeadlineMs?: number | undefined;
}

/** {@link ChatRuntimeDeps} with every default filled in. */
export interface ChatRuntime {
  readonly logger: Logger;
  readonly now: () => number;
  readonly pendingWork: PendingWork;
  readonly answerMayBeSlow: boolean;
  readonly replyDeadlineMs: number;
}

export function chatRuntime(deps: ChatRuntimeDeps, assistant: Pick<Assistant, 'answerMode'>): ChatRuntime {
  return {
    logger: deps.logger,
    now: deps.now ?? Date.now,
    pendingWork: deps.pendingWork ?? createPendingWork(deps.logger),
    answerMayBeSlow: deps.answerMayBeSlow ?? assistant.answerMode === 'llm',
    replyDeadlineMs: deps.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS,
  };
}
