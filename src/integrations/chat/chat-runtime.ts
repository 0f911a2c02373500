import type { Context } from 'hono';
import type { Assistant } from '../../assistant.js';
import type { Logger } from '../../logger.js';

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

/**
 * Work a chat integration starts after its HTTP reply (posting an answer to Slack or Discord).
 * On Workers the runtime keeps it alive through `executionCtx.waitUntil`; on Node it is tracked
 * here so tests can await it and a graceful shutdown can drain it.
 */
export interface PendingWork {
  /** Keeps `task` alive after the response. Its failure is logged, never thrown. */
  track(task: Promise<unknown>): void;
  /** Settles once every task tracked so far, and any tracked while waiting, has settled. */
  drain(): Promise<void>;
  /** Tasks still running. */
  readonly size: number;
}

/**
 * @example
 * const pending = createPendingWork(logger);
 * pending.track(postReply());
 * await pending.drain(); // in a test, or on SIGTERM
 */
export function createPendingWork(logger?: Logger): PendingWork {
  const running = new Set<Promise<void>>();
  return {
    track(task) {
      const settled = task.then(
        () => undefined,
        (error: unknown) => logger?.error('background_task_failed', { error: String(error) }),
      );
      const tracked = settled.finally(() => running.delete(tracked));
      running.add(tracked);
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
    },
    get size() {
      return running.size;
    },
  };
}

/**
 * Runs `task` after the response: through the Worker's `waitUntil` when the request has an
 * execution context, else through `pending` (Node).
 */
export function runAfterResponse(c: Context, task: Promise<unknown>, pending: PendingWork): void {
  const waitUntil = executionWaitUntil(c);
  if (waitUntil) waitUntil(task);
  else pending.track(task);
}

function executionWaitUntil(c: Context): ((task: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (task) => ctx.waitUntil(task);
  } catch {
    // Hono throws when the request came without an ExecutionContext (Node, app.request in tests).
    return undefined;
  }
}

/** How an answer stood when the platform's HTTP reply was due. */
export type FirstOutcome<T> = { kind: 'answered'; value: T } | { kind: 'late' } | { kind: 'failed'; error: unknown };

/**
 * The answer if it is ready within `deadlineMs` (`Infinity` waits for it; `0` does not wait),
 * else `late`: the caller acknowledges now and delivers the same promise afterwards.
 *
 * @example
 * const first = await firstOutcome(answering, runtime.answerMayBeSlow ? 0 : runtime.replyDeadlineMs);
 */
export async function firstOutcome<T>(answering: Promise<T>, deadlineMs: number): Promise<FirstOutcome<T>> {
  if (deadlineMs <= 0) {
    answering.catch(() => undefined); // the late delivery awaits it and handles a failure
    return { kind: 'late' };
  }
  try {
    if (deadlineMs === Infinity) return { kind: 'answered', value: await answering };
    const settled = await settleWithin(answering, deadlineMs);
    return settled.done ? { kind: 'answered', value: settled.value } : { kind: 'late' };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** The outcome of {@link settleWithin}: the value, or word that the deadline passed first. */
export type Settled<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/**
 * Waits for `task` at most `ms` milliseconds. The task keeps running either way; a caller that
 * gets `{ done: false }` goes on with it later (a deferred chat reply).
 *
 * @example
 * const first = await settleWithin(answer, 2_500);
 * if (!first.done) deferReply(answer);
 */
export async function settleWithin<T>(task: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([task.then((value): Settled<T> => ({ done: true, value })), deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
