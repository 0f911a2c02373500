import { recentTurns, type ChatTurn } from '../../answer/follow-up/chat-turn.js';
import { PlatformApiError } from '../chat/platform-api.js';
import { plainSlackText } from './mrkdwn.js';
import type { SlackApiOptions } from './slack-api.js';

/** A message of `conversations.replies`, as far as history needs it. */
export interface SlackThreadMessage {
  readonly ts?: string;
  readonly text?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly subtype?: string;
}

/** Where a message sits: its thread's parent, and the message itself (history stops before it). */
export interface ThreadPosition {
  readonly channel: string;
  readonly threadTs: string;
  readonly beforeTs: string;
}

/** Messages per `conversations.replies` page, and pages read at most (a thread of up to 200 messages). */
export const THREAD_PAGE_SIZE = 50;
export const THREAD_MAX_PAGES = 4;

/** Message subtypes that are something someone said (others are joins, topic changes, …). */
const SPOKEN_SUBTYPES = new Set([undefined, 'bot_message', 'thread_broadcast', 'file_share', 'me_message']);

/**
 * The earlier messages of a Slack thread as follow-up history: `conversations.replies` (bot token
 * with the `*:history` scopes; through `SLACK_API_BASE_URL`), the parent and the replies before
 * `beforeTs`, the bot's own (and other bots') as assistant turns, people's as user turns, within
 * the history limits. Fails with {@link PlatformApiError} when Slack refuses (a missing scope,
 * `ratelimited`): the caller answers without history then.
 *
 * @example
 * const history = await fetchThreadHistory({ apiBaseUrl, botToken }, { channel: 'C1', threadTs: '1700000000.000100', beforeTs: '1700000300.000200' });
 */
export async function fetchThreadHistory(api: SlackApiOptions, position: ThreadPosition): Promise<ChatTurn[]> {
  const messages: SlackThreadMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < THREAD_MAX_PAGES; page++) {
    const body = await repliesPage(api, position, cursor);
    messages.push(...(body.messages ?? []));
    cursor = body.has_more ? body.response_metadata?.next_cursor || undefined : undefined;
    if (!cursor) break;
  }
  return threadTurns(messages, position.beforeTs);
}

/**
 * Thread messages as history turns, oldest first, within the history limits: only what was said
 * before `beforeTs`, mentions and Slack's markup removed, empty messages left out.
 *
 * @example threadTurns([{ ts: '1.1', user: 'U1', text: '<@U0BOT> what is a weakref?' }, { ts: '1.2', bot_id: 'B1', text: 'The guidance…' }], '1.3')
 */
export function threadTurns(messages: readonly SlackThreadMessage[], beforeTs: string): ChatTurn[] {
  const turns = messages
    .filter((m) => m.ts !== undefined && Number(m.ts) < Number(beforeTs) && SPOKEN_SUBTYPES.has(m.subtype))
    .sort((a, b) => Number(a.ts) - Number(b.ts))
    .flatMap((m): ChatTurn[] => {
      const content = plainSlackText(m.text ?? '').trim();
      return content ? [{ role: m.bot_id ? 'assistant' : 'user', content }] : [];
    });
  return recentTurns(turns);
}

interface RepliesPage {
  readonly ok?: boolean;
  readonly error?: string;
  readonly messages?: SlackThreadMessage[];
  readonly has_more?: boolean;
  readonly response_metadata?: { readonly next_cursor?: string };
}

async function repliesPage(
  api: SlackApiOptions,
  position: ThreadPosition,
  cursor: string | undefined,
): Promise<RepliesPage> {
  const endpoint = 'conversations.replies';
  const query = new URLSearchParams({
    channel: position.channel,
    ts: position.threadTs,
    latest: position.beforeTs,
    inclusive: 'false',
    limit: String(THREAD_PAGE_SIZE),
    ...(cursor ? { cursor } : {}),
  });
  const res = await fetch(`${api.apiBaseUrl}/${endpoint}?${query}`, {
    headers: { Authorization: `Bearer ${api.botToken}` },
  });
  const text = await res.text();
  if (!res.ok) throw new PlatformApiError(endpoint, res.status, text.slice(0, 500) || res.statusText);
  let body: RepliesPage;
  try {
    body = JSON.parse(text) as RepliesPage;
  } catch {
    throw new PlatformApiError(endpoint, res.status, 'the reply is not JSON');
  }
  if (body.ok !== true) throw new PlatformApiError(endpoint, res.status, body.error ?? 'no "ok" in the reply');
  return body;
}
