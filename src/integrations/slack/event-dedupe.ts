import { LRUCache } from 'lru-cache';

/**
 * Remembers which Slack events were already handled, so a retry (`X-Slack-Retry-Num`) or a
 * replayed request is acknowledged without answering twice. Small on purpose: a KV- or Durable
 * Object-backed store can implement it to share the memory across Worker isolates.
 */
export interface EventDedupe {
  /** `true` the first time `eventId` is seen (the caller handles it), `false` afterwards. */
  claim(eventId: string): boolean;
}

export interface MemoryEventDedupeOptions {
  /** Most event ids kept; the least recently seen go first. */
  readonly max?: number;
  /** How long an id is kept. Slack retries 3 times within about 5 minutes; 1 hour is ample. */
  readonly ttlMs?: number;
  /** Clock in ms (for tests); defaults to `performance.now`. */
  readonly now?: () => number;
}

export const DEFAULT_EVENT_DEDUPE = { max: 10_000, ttlMs: 60 * 60 * 1000 } as const;

/**
 * An in-memory, bounded LRU with a TTL (`lru-cache`): per process on Node, per isolate on Workers.
 *
 * @example
 * const dedupe = createMemoryEventDedupe();
 * if (!dedupe.claim(payload.event_id)) return c.body(null, 200); // already answered
 */
export function createMemoryEventDedupe(options: MemoryEventDedupeOptions = {}): EventDedupe {
  const seen = new LRUCache<string, true>({
    max: options.max ?? DEFAULT_EVENT_DEDUPE.max,
    ttl: options.ttlMs ?? DEFAULT_EVENT_DEDUPE.ttlMs,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return {
    claim(eventId) {
      if (seen.has(eventId)) return false;
      seen.set(eventId, true);
      return true;
    },
  };
}
