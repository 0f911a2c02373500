/** How far a signed request's timestamp may be from our clock: Slack's documented 5 minutes. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

/**
 * Whether a platform's request timestamp (Unix seconds, as a header string) is a plain integer
 * within {@link MAX_REQUEST_AGE_SECONDS} of `nowMs`. Older requests are treated as replays.
 */
export function isFreshTimestamp(header: string, nowMs: number): boolean {
  if (!/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= MAX_REQUEST_AGE_SECONDS;
}
