import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { LRUCache } from 'lru-cache';

export interface JsonCacheOptions {
  /** Total UTF-16 code units of JSON kept (about the bytes of ASCII JSON), least recently used first out. */
  readonly maxChars: number;
  /** Keys longer than this are rendered afresh and not kept. */
  readonly maxKeyChars: number;
}

/** Renderings of responses that are a pure function of their key. */
export interface JsonCache {
  /**
   * The JSON of `produce()`'s value, from the cache when `key` was rendered recently. A value
   * produced with `keep: false` (degraded, see `Assistant.embedderFailures`) is sent, not kept.
   */
  render(key: string, produce: () => Promise<{ readonly value: unknown; readonly keep: boolean }>): Promise<string>;
}

/**
 * Keeps the JSON of recent responses that depend only on their request (a search: the index
 * never changes while the process runs), so a repeated request is not serialized again.
 *
 * @example
 * const cache = createJsonCache({ maxChars: 4 * 1024 * 1024, maxKeyChars: 2_000 });
 * const json = await cache.render(`${k}\n${query}`, async () => ({ value: await search(query, k), keep: true }));
 */
export function createJsonCache(options: JsonCacheOptions): JsonCache {
  const recent = new LRUCache<string, string>({
    maxSize: options.maxChars,
    sizeCalculation: (json, key) => json.length + key.length,
  });
  return {
    async render(key, produce) {
      const cached = recent.get(key);
      if (cached !== undefined) return cached;
      const { value, keep } = await produce();
      const json = JSON.stringify(value);
      if (keep && key.length <= options.maxKeyChars && json.length + key.length <= options.maxChars)
        recent.set(key, json);
      return json;
    },
  };
}

const JSON_CONTENT_TYPE = { 'content-type': 'application/json' } as const;

/**
 * A 200 JSON response from already serialized JSON (a cached rendering), typed as `c.json(value)`
 * would be, so the typed client (`hc<AppType>`) still knows the body's shape.
 *
 * @example return jsonText<Answer>(c, assistant.answerJson(answer));
 */
export function jsonText<T>(c: Context, json: string): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  // Only the type changes: what `c.body` returns is a plain Response, like `c.json`'s.
  return c.body(json, 200, JSON_CONTENT_TYPE) as Response as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
