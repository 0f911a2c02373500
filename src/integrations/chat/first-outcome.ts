import { settleWithin } from './settle-within.js';

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
