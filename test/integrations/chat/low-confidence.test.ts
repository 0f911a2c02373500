import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/types.js';
import { isLowConfidence, LOW_CONFIDENCE_TEXT } from '../../../src/integrations/chat/answer-text.js';
import { renderDiscordReply } from '../../../src/integrations/discord/discord-message.js';
import { LOW_CONFIDENCE_MRKDWN, renderSlackReply } from '../../../src/integrations/slack/block-kit.js';
import { blockTexts } from '../helpers/block-kit-checks.js';
import { citation } from '../helpers/answers.js';

const answer = (confidence: Answer['confidence'], abstained = false): Answer => ({
  answerId: '00000000-0000-4000-8000-000000000000',
  answer: abstained
    ? "The guidance I answer from doesn't cover this question, so I won't guess."
    : 'The guidance covers this under **Avoid Memory Leaks**:\n\n- **Weak References**: Use weak references. [1]\n\n**Sources**\n\n1. Weak References (Avoid Memory Leaks), python-memory-guidance.md lines 45–54',
  abstained,
  citations: abstained ? [] : [citation(1, 'Weak References')],
  examples: [],
  confidence,
  ...(abstained ? { abstainReason: 'out_of_scope' as const } : {}),
});

describe('low-confidence answers in the chat integrations', () => {
  it('are the answered ones marked low', () => {
    expect(isLowConfidence(answer('low'))).toBe(true);
    expect(isLowConfidence(answer('medium'))).toBe(false);
    expect(isLowConfidence(answer('low', true))).toBe(false);
  });

  it('Slack: a warning above the answer, and in the notification text', () => {
    const low = renderSlackReply({ question: 'is it thread safe?', answer: answer('low') });
    expect(low.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: LOW_CONFIDENCE_MRKDWN }] });
    expect(low.text).toMatch(/^\(Low confidence\) The guidance covers this/);
    const high = renderSlackReply({ question: 'what is a weakref?', answer: answer('high') });
    expect(blockTexts(high.blocks).join('\n')).not.toContain('Low confidence');
    expect(
      blockTexts(renderSlackReply({ question: 'x', answer: answer('low', true) }).blocks).join('\n'),
    ).not.toContain('Low confidence');
  });

  it('Discord: a warning title, colour and footer', () => {
    const [message] = renderDiscordReply({ question: 'is it thread safe?', answer: answer('low') });
    const embed = message?.embeds.at(-1);
    expect(embed?.title).toBe('Low confidence: possibly related guidance');
    expect(embed?.color).toBe(0xf0b232);
    expect(embed?.footer?.text).toContain(LOW_CONFIDENCE_TEXT);
    const [sure] = renderDiscordReply({ question: 'what is a weakref?', answer: answer('high') });
    expect(sure?.embeds.at(-1)?.title).toBe('From the Python memory guidance');
  });
});
