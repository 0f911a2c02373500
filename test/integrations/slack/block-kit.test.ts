import { RULE_CITATIONS } from '../../../src/analyze/rule-citations.js';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/analyze/types.js';
import { renderSlackNotice, renderSlackReply, SLACK_LIMITS } from '../../../src/integrations/slack/block-kit.js';
import { citation, longAnswer } from '../helpers/answers.js';
import { blockTexts, expectWithinSlackLimits } from '../helpers/block-kit-checks.js';

const finding = (line: number, message: string, suggestion?: string): AnalysisResult['findings'][number] => ({
  rule: 'string-concat-in-loop',
  severity: 'warning',
  message,
  range: { start: { line, character: 4 }, end: { line, character: 12 } },
  citation: RULE_CITATIONS['string-concat-in-loop'],
  ...(suggestion ? { suggestion } : {}),
});

describe('renderSlackReply', () => {
  it('splits a long answer into sections of at most 3,000 characters, code split by lines', () => {
    const { blocks, text } = renderSlackReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 12, codeLines: 150 }),
    });
    expectWithinSlackLimits(blocks);
    const texts = blockTexts(blocks);
    expect(texts.filter((t) => t.startsWith('```')).length).toBeGreaterThan(1); // the 150-line example was split
    expect(texts.join('\n')).toContain('Memory matters &amp; &lt;care&gt; is needed.');
    expect(texts.join('\n')).not.toContain('*Sources*'); // shown as the context block instead
    expect(blocks.at(-1)?.type).toBe('context');
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackChars);
  });

  it('trims past 50 blocks, says so, and keeps the sources', () => {
    const { blocks } = renderSlackReply({ question: 'q', answer: longAnswer({ codeBlocks: 40, codeLines: 5 }) });
    expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
    expectWithinSlackLimits(blocks);
    expect(blockTexts(blocks.slice(-2, -1))).toEqual(['_The answer was trimmed to fit in one Slack message._']);
    expect(blockTexts(blocks.slice(-1))[0]).toContain('*[1]* Tip 1');
  });

  it('fits more than 10 sources in one context block', () => {
    const answer = {
      ...longAnswer({ paragraphs: 1, codeBlocks: 0 }),
      citations: Array.from({ length: 12 }, (_, i) => citation(i + 1)),
    };
    const sources = renderSlackReply({ question: 'q', answer }).blocks.at(-1);
    expect(sources?.type === 'context' && sources.elements).toHaveLength(10);
    expect(blockTexts([sources!]).join('\n')).toContain('*[12]* Tip 12');
  });

  it('lists findings first with 1-based lines, suggestions, syntax errors, then a divider', () => {
    const analysis: AnalysisResult = {
      findings: [
        finding(
          2,
          'Building `s` with **+=** in a loop copies it each time.',
          "Join once after the loop: `s = ''.join(parts)`.",
        ),
        finding(6, 'Multi', 'Collect the parts:\n\n```python\nparts = []\nresult = "".join(parts)\n```'),
      ],
      syntaxErrors: [
        {
          range: { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } },
          message: 'invalid syntax before "<"',
        },
      ],
    };
    const { blocks, text } = renderSlackReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 1, codeBlocks: 0 }),
      analysis,
    });
    const first = blockTexts(blocks)[0]!;
    expect(first).toContain(
      "*2 findings in your code*\n:warning: *Line 3*: Building `s` with *+=* in a loop copies it each time. _(String Concatenation)_\n↳ Join once after the loop: `s = ''.join(parts)`.",
    );
    expect(first).toContain(
      '*Line 7*: Multi _(String Concatenation)_\n↳ Collect the parts:\n\n```\nparts = []\nresult = "".join(parts)\n```',
    );
    expect(first).toContain(':x: *Line 9*: invalid syntax before "&lt;"');
    expect(blocks[1]?.type).toBe('divider');
    expect(text).toMatch(/^2 findings in your code\. /);
  });

  it('keeps many long findings within the limits, counting those not listed', () => {
    const findings = Array.from({ length: 45 }, (_, i) => finding(i, 'A long explanation of the problem. '.repeat(8)));
    const { blocks } = renderSlackReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 1, codeBlocks: 0 }),
      analysis: { findings, syntaxErrors: [] },
    });
    expectWithinSlackLimits(blocks);
    const texts = blockTexts(blocks).join('\n');
    expect(texts.match(/:warning:/g)).toHaveLength(20);
    expect(texts).toContain('_…and 25 more._');
  });

  it('says when pasted code has no findings', () => {
    const { blocks } = renderSlackReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 1, codeBlocks: 0 }),
      analysis: { findings: [], syntaxErrors: [] },
    });
    expect(blockTexts(blocks)[0]).toBe(':white_check_mark: No memory anti-patterns found in your code.');
  });
});

describe('renderSlackNotice', () => {
  it('is one section with the same fallback text', () => {
    expect(renderSlackNotice('Hello *there*')).toEqual({
      text: 'Hello *there*',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello *there*' } }],
    });
  });
});
