import type { Context, TypedResponse } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';

/** An event stream as the typed client (hono/client) sees it: text (`text/event-stream`), never JSON. */
export type EventStreamResponse = Response & TypedResponse<string, 200, 'text'>;

/**
 * Server-Sent Events (Hono's `streamSSE`), marked as a stream for the request observer (which
 * then logs and measures the request after its last event) and left unbuffered by proxies.
 *
 * @example return eventStream(c, async (stream) => { await stream.writeSSE({ event: 'done', data: '{}' }); });
 */
export function eventStream(c: Context, write: (stream: SSEStreamingApi) => Promise<void>): EventStreamResponse {
  c.set('eventStream', true);
  // Proxies such as nginx buffer responses unless told not to; a stream must reach the reader as written.
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, write) as EventStreamResponse;
}

/**
 * Splits text into pieces of about `size` characters that end on white space, so a streamed
 * answer arrives word by word rather than in one block. Joining the pieces gives the text back.
 *
 * @example splitIntoChunks('Use weakref.ref to hold a reference', 10) // ['Use weakref.ref ', 'to hold a ', 'reference']
 */
export function splitIntoChunks(text: string, size = 24): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const word of text.match(/\s*\S+\s*/g) ?? [text]) {
    if (current && current.length + word.length > size) {
      chunks.push(current);
      current = '';
    }
    current += word;
  }
  if (current) chunks.push(current);
  return chunks;
}
