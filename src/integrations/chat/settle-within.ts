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
