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
