/** Slack app settings; from `SLACK_*` variables (Node) or Worker secrets. */
export interface SlackConfig {
  /** Verifies every request (`X-Slack-Signature`); without it `/slack/*` answers 503. */
  readonly signingSecret?: string | undefined;
  /** `xoxb-…` bot token for `chat.postMessage`; without it `/slack/events` answers 503. */
  readonly botToken?: string | undefined;
  /** Web API base, `https://slack.com/api` unless tests point it at a local stub. */
  readonly apiBaseUrl: string;
}

export const DEFAULT_SLACK_API_BASE_URL = 'https://slack.com/api';
