import type { Context } from 'hono';
import type { Logger } from '../../logger.js';

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
