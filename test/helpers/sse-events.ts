import { createParser } from 'eventsource-parser';

/** One Server-Sent Event, its `data` parsed as JSON. */
export interface SseEvent {
  readonly event: string | undefined;
  readonly data: unknown;
}

/** Parses a whole `text/event-stream` body with a real SSE parser. */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (m) => events.push({ event: m.event, data: JSON.parse(m.data) as unknown }) });
  parser.feed(body);
  return events;
}
