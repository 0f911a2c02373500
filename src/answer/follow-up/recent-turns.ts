import { HISTORY_LIMITS, type ChatTurn } from './chat-turn.js';

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
