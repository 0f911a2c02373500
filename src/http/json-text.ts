import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

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
