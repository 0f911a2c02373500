import { recentTurns, type ChatTurn } from '../../answer/follow-up/chat-turn.js';
import { PlatformApiError } from '../chat/platform-api.js';
import { SPOKEN_MESSAGE, THREAD_CHANNEL } from './discord-protocol.js';

/** A message of `GET /channels/{id}/messages`, as far as history needs it. */
export interface DiscordThreadMessage {
  readonly id?: string;
  readonly type?: number;
  readonly content?: string;
  readonly author?: { readonly id?: string; readonly bot?: boolean };
  readonly application_id?: string;
  readonly webhook_id?: string;
  readonly embeds?: readonly { readonly description?: string }[];
}

export interface ThreadHistoryRequest {
  /** `https://discord.com/api/v10`, or a local stub in tests. */
  readonly apiBaseUrl: string;
  readonly botToken: string;
  readonly channelId: string;
  /** This app: its own messages carry the question asked (quoted) and the answer (embeds). */
  readonly applicationId: string;
  /** Only messages before this one (the message "Ask pymem" was used on). */
  readonly beforeMessageId?: string | undefined;
}

/** Messages read from the thread (Discord's maximum per request is 100). */
export const THREAD_MESSAGES = 30;

const USER_AGENT = 'DiscordBot (pymem-assistant, 0.1.0)';
const THREAD_TYPES: ReadonlySet<number> = new Set(Object.values(THREAD_CHANNEL));
const SPOKEN_TYPES: ReadonlySet<number> = new Set(Object.values(SPOKEN_MESSAGE));

/** Whether a channel type is a thread (announcement, public or private). */
export function isThreadChannel(type: number | undefined): boolean {
  return type !== undefined && THREAD_TYPES.has(type);
}

/**
 * A thread's earlier messages as follow-up history (`GET /channels/{id}/messages` with the bot
 * token; the bot needs Read Message History there). This app's own answers give both turns: the
 * question they quote and the answer in their embeds, which Discord always shows the app. Other
 * people's messages are user turns; their text is visible to the app only with the Message
 * Content intent, without it they are empty and left out.
 *
 * @example
 * const history = await fetchThreadHistory({ apiBaseUrl, botToken, channelId: '123', applicationId: '456' });
 */
export async function fetchThreadHistory(request: ThreadHistoryRequest): Promise<ChatTurn[]> {
  const endpoint = 'get channel messages';
  const query = new URLSearchParams({
    limit: String(THREAD_MESSAGES),
    ...(request.beforeMessageId ? { before: request.beforeMessageId } : {}),
  });
  const res = await fetch(`${request.apiBaseUrl}/channels/${encodeURIComponent(request.channelId)}/messages?${query}`, {
    headers: { Authorization: `Bot ${request.botToken}`, 'User-Agent': USER_AGENT },
  });
  const text = await res.text();
  if (!res.ok) throw new PlatformApiError(endpoint, res.status, text.slice(0, 500) || res.statusText);
  const messages = JSON.parse(text) as unknown;
  if (!Array.isArray(messages)) throw new PlatformApiError(endpoint, res.status, 'the reply is not a list of messages');
  return threadTurns(messages as DiscordThreadMessage[], request.applicationId);
}

/**
 * Channel messages (newest first, as Discord lists them) as history turns, oldest first, within
 * the history limits.
 *
 * @example threadTurns([{ id: '2', type: 20, author: { id: 'APP', bot: true }, content: '> why?', embeds: [{ description: '…' }] }], 'APP')
 */
export function threadTurns(messages: readonly DiscordThreadMessage[], applicationId: string): ChatTurn[] {
  const turns = [...messages]
    .reverse()
    .filter((m) => SPOKEN_TYPES.has(m.type ?? SPOKEN_MESSAGE.default))
    .flatMap((m): ChatTurn[] => {
      const content = (m.content ?? '').trim();
      if (isOwn(m, applicationId)) {
        const asked = unquote(content);
        const answer = (m.embeds ?? [])
          .map((e) => e.description ?? '')
          .filter(Boolean)
          .join('\n\n');
        return [
          ...(asked ? [{ role: 'user' as const, content: asked }] : []),
          ...(answer ? [{ role: 'assistant' as const, content: answer }] : []),
        ];
      }
      if (!content) return [];
      return [{ role: m.author?.bot ? 'assistant' : 'user', content }];
    });
  return recentTurns(turns);
}

function isOwn(m: DiscordThreadMessage, applicationId: string): boolean {
  return m.author?.id === applicationId || m.application_id === applicationId || m.webhook_id === applicationId;
}

/** The question this app quoted at the top of its answer (`> line` per line). */
function unquote(content: string): string {
  const lines = content.split('\n');
  if (!lines.every((l) => l.startsWith('> ') || l === '>')) return '';
  return lines
    .map((l) => l.replace(/^> ?/, ''))
    .join('\n')
    .trim();
}
