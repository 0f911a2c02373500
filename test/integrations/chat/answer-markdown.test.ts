import { describe, expect, it } from 'vitest';
import { answerBodyTokens } from '../../../src/integrations/chat/answer-text.js';

describe('answerBodyTokens', () => {
  it('drops the trailing **Sources** list that chat platforms show natively', () => {
    const md = 'Lead:\n\n- **T**: text [1]\n\n```python\nx = 1\n```\n\n**Sources**\n\n1. T (S), f.md lines 1–2';
    expect(answerBodyTokens(md).map((t) => t.type)).toEqual(['paragraph', 'list', 'code']);
  });

  it('keeps answers without a sources list whole', () => {
    expect(answerBodyTokens('Nothing covers this.').map((t) => t.raw)).toEqual(['Nothing covers this.']);
  });
});
