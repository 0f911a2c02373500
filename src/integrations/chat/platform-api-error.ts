/** A Slack or Discord Web API call that failed (HTTP error, or Slack's `ok: false`). */
export class PlatformApiError extends Error {
  override readonly name = 'PlatformApiError';

  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${endpoint} failed (${status}): ${detail}`);
  }
}
