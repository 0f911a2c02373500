/** One earlier message of a conversation, as clients send it in `history`. */
export interface ChatTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/**
 * What `history` may hold: the last 10 turns, 16 KiB of content (UTF-8) in all. Follow-ups need
 * the recent topic, not the whole conversation; clients trim the oldest turns first.
 */
export const HISTORY_LIMITS = {
  /** Most turns (user and assistant messages) in `history`. */
  turns: 10,
  /** Most UTF-8 bytes of all the turns' `content` together. */
  bytes: 16 * 1024,
} as const;

const utf8 = new TextEncoder();

/**
 * The most recent turns of a conversation within the history limits (10 turns, 16 KiB): what
 * channels that hold whole conversations (chat threads, OpenAI-style `messages`) send as
 * `history`. The oldest are dropped first; the oldest turn kept is cut to what fits.
 *
 * @example recentTurns(threadTurns) // ≤ 10 turns, ≤ 16 KiB, oldest first
 */
export function recentTurns(turns: readonly ChatTurn[]): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let budget: number = HISTORY_LIMITS.bytes;
  for (let i = turns.length - 1; i >= 0 && kept.length < HISTORY_LIMITS.turns && budget > 0; i--) {
    const turn = turns[i];
    if (!turn) continue;
    const content = truncateToBytes(turn.content, budget);
    budget -= utf8.encode(content).length;
    kept.unshift({ role: turn.role, content });
  }
  return kept;
}

/** The longest start of `text` within `maxBytes` of UTF-8 (never splitting a character). */
function truncateToBytes(text: string, maxBytes: number): string {
  const { read } = utf8.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}
