import { describe, expect, it } from 'vitest';
import { createMemoryEventDedupe } from '../../../src/integrations/slack/event-dedupe.js';

describe('createMemoryEventDedupe', () => {
  it('claims an event id once', () => {
    const dedupe = createMemoryEventDedupe();
    expect(dedupe.claim('Ev1')).toBe(true);
    expect(dedupe.claim('Ev1')).toBe(false);
    expect(dedupe.claim('Ev2')).toBe(true);
  });

  it('forgets ids after the TTL and beyond its size, so memory stays bounded', () => {
    let now = 1_000;
    const dedupe = createMemoryEventDedupe({ max: 2, ttlMs: 60_000, now: () => now });
    expect(dedupe.claim('a')).toBe(true);
    now += 61_000;
    expect(dedupe.claim('a')).toBe(true);
    dedupe.claim('b');
    dedupe.claim('c'); // evicts the least recently used, 'a'
    expect(dedupe.claim('a')).toBe(true);
    expect(dedupe.claim('c')).toBe(false);
  });
});
