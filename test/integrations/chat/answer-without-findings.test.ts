import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/analyze/types.js';
import { prependFindings } from '../../../src/answer/findings-in-answer.js';
import { answerWithoutFindings } from '../../../src/integrations/chat/answer-text.js';
import { longAnswer } from '../helpers/answers.js';

const analysis: AnalysisResult = {
  findings: [
    {
      rule: 'string-concat-in-loop',
      severity: 'warning',
      message: '`s` grows with `+=`.',
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } },
      citation: {
        id: 'section--tip-1',
        title: 'Tip 1',
        section: 'Some Section',
        guidance: { id: 'section--tip-1', title: 'Tip 1', section: 'Some Section' },
        explainedBy: 'Tip 1',
      },
    },
  ],
  syntaxErrors: [],
};

describe('answerWithoutFindings', () => {
  it("removes exactly the answerer's findings preamble", () => {
    const plain = longAnswer({ paragraphs: 1, codeBlocks: 0 });
    const withFindings = { ...plain, ...prependFindings(plain, analysis) };
    expect(withFindings.answer).not.toBe(plain.answer);
    expect(answerWithoutFindings(withFindings, analysis)).toBe(plain.answer);
  });

  it('keeps an answer that does not start with it, and answers without analysis', () => {
    const plain = longAnswer({ paragraphs: 1, codeBlocks: 0 });
    expect(answerWithoutFindings(plain, analysis)).toBe(plain.answer);
    expect(answerWithoutFindings(plain, undefined)).toBe(plain.answer);
    expect(answerWithoutFindings(plain, { findings: [], syntaxErrors: [] })).toBe(plain.answer);
  });
});
