import { z } from 'zod';

/** The fields of a slash-command POST (form-encoded) this app reads; Slack sends more. */
export const slashCommandSchema = z.object({
  command: z.string({ error: 'command is required' }).min(1, { error: 'command is required' }),
  text: z.string().default(''),
  user_id: z.string({ error: 'user_id is required' }).min(1, { error: 'user_id is required' }),
  response_url: z.url({ protocol: /^https?$/, error: 'response_url must be an http(s) URL' }).optional(),
});

export type SlashCommand = z.infer<typeof slashCommandSchema>;

/** Every Events API request has a `type`; the two below are the ones this app acts on. */
export const envelopeTypeSchema = z.object({ type: z.string({ error: 'type is required' }) });

/** Sent once when the Request URL is saved in the app settings. */
export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string({ error: 'challenge is required' }).min(1).max(1_000),
});

export const eventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  event_id: z.string({ error: 'event_id is required' }).min(1),
  event: z.looseObject({
    type: z.string(),
    channel: z.string().optional(),
    channel_type: z.string().optional(),
    user: z.string().optional(),
    text: z.string().optional(),
    ts: z.string().optional(),
    thread_ts: z.string().optional(),
    bot_id: z.string().optional(),
    subtype: z.string().optional(),
  }),
});

export type SlackEvent = z.infer<typeof eventCallbackSchema>['event'];

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
