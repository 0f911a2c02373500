import { describe, expect, it } from 'vitest';
import { KIB, pythonSnippet } from '../../scripts/bench/python-snippets.js';

describe('pythonSnippet', () => {
  it.each([2, 64])('fills %i KiB with whole lines, as close to the size as lines allow', (kib) => {
    const code = pythonSnippet(kib * KIB);
    const bytes = Buffer.byteLength(code);
    expect(bytes).toBeLessThanOrEqual(kib * KIB);
    expect(bytes).toBeGreaterThan(kib * KIB - 200);
    expect(code.endsWith('\n')).toBe(true);
  });
});
