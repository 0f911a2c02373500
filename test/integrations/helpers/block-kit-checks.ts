import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { SLACK_LIMITS } from '../../../src/integrations/slack/block-kit.js';

/** Every mrkdwn text in a message's blocks (sections and context elements). */
export function blockTexts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section') return b.text ? [b.text.text] : [];
    if (b.type === 'context')
      return b.elements.flatMap((e) => ('text' in e && typeof e.text === 'string' ? [e.text] : []));
    return [];
  });
}

/** Slack's limits: ≤ 50 blocks, every text within 3,000 characters, ``` fences balanced per block. */
export function expectWithinSlackLimits(blocks: readonly KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const text of blockTexts(blocks)) {
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
    expect((text.match(/```/g) ?? []).length % 2).toBe(0);
  }
}
