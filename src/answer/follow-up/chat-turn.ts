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

/**
 * What of a conversation a question is read against (the topic it follows up on, what earlier
 * answers already quoted, the memory angle): its most recent user turns, at most `turns` of them
 * and `chars` characters in all. Assistant turns never count (answers are recomputed from the
 * questions). Each earlier user turn is answered again to know what its answer quoted, with the
 * turns before it, so what history costs grows with the square of what is read: 10 user turns of
 * 1,600 made-up words cost about 0.4 s of CPU. Conversations here follow a topic over three or four
 * questions of a few dozen words; one question of the longest allowed (2,000 characters) still
 * fits whole.
 */
export const HISTORY_READ = { turns: 4, chars: 2_000 } as const;

/**
 * The user turns of `history` a question is read against (see {@link HISTORY_READ}), oldest first:
 * the most recent turn always (cut to the character budget), then earlier ones whole while they
 * fit, stopping at the first that does not, so a follow-up chain is never read with a gap.
 *
 * @example userTurnsRead([{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }]) // [{ role: 'user', content: 'a' }]
 */
export function userTurnsRead(history: readonly ChatTurn[]): ChatTurn[] {
  const read: ChatTurn[] = [];
  let budget: number = HISTORY_READ.chars;
  for (let i = history.length - 1; i >= 0 && read.length < HISTORY_READ.turns; i--) {
    const turn = history[i];
    if (turn?.role !== 'user') continue;
    if (read.length > 0 && turn.content.length > budget) break;
    const content = turn.content.slice(0, budget);
    budget -= content.length;
    read.unshift({ role: 'user', content });
    if (budget <= 0) break;
  }
  return read;
}

/** The longest start of `text` within `maxBytes` of UTF-8 (never splitting a character). */
function truncateToBytes(text: string, maxBytes: number): string {
  const { read } = utf8.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}
