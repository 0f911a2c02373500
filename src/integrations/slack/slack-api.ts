import { PlatformApiError, postJson } from '../chat/platform-api.js';
import type { SlackMessage } from './block-kit.js';

export interface SlackApiOptions {
  /** `https://slack.com/api`, or a local stub in tests. */
  readonly apiBaseUrl: string;
  readonly botToken: string;
}

export interface ThreadReply extends SlackMessage {
  readonly channel: string;
  /** The message to answer under: the thread's parent, or the message itself to start a thread. */
  readonly thread_ts: string;
}

/**
 * Posts a reply in a thread with `chat.postMessage` and the bot token. Slack reports failures as
 * HTTP 200 with `ok: false`; those throw {@link PlatformApiError} too.
 *
 * @example
 * await postThreadReply({ apiBaseUrl, botToken }, { channel: 'C1', thread_ts: '1700000000.000100', ...message });
 */
export async function postThreadReply(api: SlackApiOptions, reply: ThreadReply): Promise<{ ts?: string }> {
  const endpoint = 'chat.postMessage';
  const result = await postJson(
    `${api.apiBaseUrl}/${endpoint}`,
    { ...reply, unfurl_links: false, unfurl_media: false },
    { endpoint, headers: { Authorization: `Bearer ${api.botToken}` } },
  );
  const body = (result ?? {}) as { ok?: boolean; error?: string; ts?: string };
  if (body.ok !== true) throw new PlatformApiError(endpoint, 200, body.error ?? 'no "ok" in the reply');
  return body.ts ? { ts: body.ts } : {};
}

export interface ResponseUrlMessage extends SlackMessage {
  readonly response_type: 'ephemeral' | 'in_channel';
  /** Replace the "looking that up" acknowledgement instead of adding a message. */
  readonly replace_original?: boolean;
}

/**
 * Sends a late answer to a slash command's `response_url` (valid for 30 minutes, 5 uses; no
 * token needed, the URL is the credential).
 */
export async function postToResponseUrl(responseUrl: string, message: ResponseUrlMessage): Promise<void> {
  await postJson(responseUrl, message, { endpoint: 'response_url' });
}
