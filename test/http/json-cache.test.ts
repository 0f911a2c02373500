import { describe, expect, it } from 'vitest';
import { createJsonCache } from '../../src/http/json-response.js';

describe('JSON cache', () => {
  it('renders a key once and serves the same text after', async () => {
    const cache = createJsonCache({ maxChars: 10_000, maxKeyChars: 100 });
    let produced = 0;
    const produce = async () => ({ value: { n: ++produced }, keep: true });
    expect(await cache.render('a', produce)).toBe('{"n":1}');
    expect(await cache.render('a', produce)).toBe('{"n":1}');
    expect(await cache.render('b', produce)).toBe('{"n":2}');
  });

  it('sends but does not keep values produced with keep: false, long keys, or renderings over the budget', async () => {
    const cache = createJsonCache({ maxChars: 50, maxKeyChars: 5 });
    let produced = 0;
    const count = async (keep = true) => ({ value: { n: ++produced }, keep });
    await cache.render('x', () => count(false));
    expect(await cache.render('x', () => count())).toBe('{"n":2}');
    await cache.render('long-key', () => count());
    expect(await cache.render('long-key', () => count())).toBe('{"n":4}');
    const big = async () => ({ value: 'y'.repeat(100), keep: true });
    await cache.render('big', big);
    let again = 0;
    await cache.render('big', async () => (again++, big()));
    expect(again).toBe(1);
  });

  it('drops the least recently used renderings past its size', async () => {
    const cache = createJsonCache({ maxChars: 10, maxKeyChars: 5 }); // five one-digit entries
    let produced = 0;
    const produce = async () => ({ value: ++produced, keep: true });
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) await cache.render(key, produce);
    expect(await cache.render('a', produce)).toBe('9');
    expect(await cache.render('h', produce)).toBe('8');
  });
});
