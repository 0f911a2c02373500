import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/types.js';
import { coverageHeading, RELATED_TEXT } from '../../../src/integrations/chat/answer-text.js';
import { renderDiscordReply } from '../../../src/integrations/discord/discord-message.js';
import { answerMeta } from '../../../src/integrations/openai-compat/chat-completion.js';
import { renderSlackReply } from '../../../src/integrations/slack/block-kit.js';
import { blockTexts } from '../helpers/block-kit-checks.js';

const ANSWER_ID = '00000000-0000-4000-8000-000000000000';
const relatedTip = {
  id: 'monitor-and-profile-memory-usage--memory-profiling-tools',
  title: 'Memory Profiling Tools',
  section: 'Monitor and Profile Memory Usage',
  score: 0.58,
  source: { file: 'python-memory-guidance.md', lineStart: 58, lineEnd: 66 },
};
const related: Answer = {
  answerId: ANSWER_ID,
  answer:
    "The guidance I answer from doesn't cover this question, so I won't guess an answer.\n\nThis tip is on a related topic (related, not an answer to your question):\n\n- **Memory Profiling Tools** (Monitor and Profile Memory Usage, python-memory-guidance.md lines 58–66): Use tools like `memory_profiler`.",
  abstained: true,
  citations: [],
  examples: [],
  coverage: 'related',
  related: [relatedTip],
  abstainReason: 'low_similarity',
  confidence: 'low',
};
const otherRuntime: Answer = {
  answerId: ANSWER_ID,
  answer:
    "This looks like a question about Java and the JVM, not about memory in Python (CPython): the guidance I answer from doesn't cover this question, so I won't guess.",
  abstained: true,
  citations: [],
  examples: [],
  coverage: 'none',
  abstainReason: 'other_runtime',
  confidence: 'low',
};
const notMemory: Answer = {
  ...otherRuntime,
  abstainReason: 'not_memory',
  answer:
    "This looks like a Python question without a memory angle: the guidance I answer from doesn't cover this question, so I won't guess.",
};

describe('coverage in the chat channels', () => {
  it('titles an answer by what the guidance does with the question', () => {
    expect(coverageHeading(related)).toBe('Not covered by the guidance: related tips');
    expect(coverageHeading(otherRuntime)).toBe('Not covered: not about Python memory');
    expect(coverageHeading(notMemory)).toBe('Not covered: not a memory question');
    expect(
      coverageHeading({ abstained: true, abstainReason: 'out_of_scope', confidence: 'low', coverage: 'none' }),
    ).toBe('Not covered by the guidance');
    expect(coverageHeading({ abstained: false, confidence: 'high', coverage: 'answer' })).toBe(
      'From the Python memory guidance',
    );
  });

  it('Slack: the related tips in the context block, named as related, never as [n] sources', () => {
    const { blocks, text } = renderSlackReply({ question: 'does __slots__ save memory?', answer: related });
    const context = blockTexts(blocks.slice(-1)).join('\n');
    expect(blocks.at(-1)?.type).toBe('context');
    expect(context).toContain(`*${RELATED_TEXT}:* Memory Profiling Tools`);
    expect(context).not.toMatch(/\*\[1\]\*/);
    expect(text).toContain("doesn't cover this question");
  });

  it('Slack: an abstention for another runtime says which one, with no sources block', () => {
    const { blocks } = renderSlackReply({ question: 'java heap?', answer: otherRuntime });
    expect(blockTexts(blocks).join('\n')).toContain('Java and the JVM');
    expect(blocks.some((b) => b.type === 'context' && blockTexts([b]).join('').includes('[1]'))).toBe(false);
  });

  it('Discord: the title says why, related tips are fields named as related', () => {
    const [message] = renderDiscordReply({ question: 'does __slots__ save memory?', answer: related });
    const embed = message?.embeds.at(-1);
    expect(embed?.title).toBe('Not covered by the guidance: related tips');
    expect(embed?.fields).toEqual([
      {
        name: `${RELATED_TEXT}: Memory Profiling Tools`,
        value: 'Monitor and Profile Memory Usage · python-memory-guidance.md lines 58–66',
      },
    ]);
    expect(embed?.footer?.text).toBe('The guidance has no tip on this');
    const [other] = renderDiscordReply({ question: 'java heap?', answer: otherRuntime });
    expect(other?.embeds.at(-1)?.title).toBe('Not covered: not about Python memory');
    const [plain] = renderDiscordReply({ question: 'split a list?', answer: notMemory });
    expect(plain?.embeds.at(-1)?.title).toBe('Not covered: not a memory question');
  });

  it('OpenAI-compatible: the pymem fields carry coverage, the reason and the related tips', () => {
    expect(answerMeta(related)).toMatchObject({
      abstained: true,
      coverage: 'related',
      abstainReason: 'low_similarity',
      related: [relatedTip],
    });
    expect(answerMeta(otherRuntime)).toMatchObject({
      abstained: true,
      coverage: 'none',
      abstainReason: 'other_runtime',
    });
    expect(answerMeta(otherRuntime)).not.toHaveProperty('related');
  });
});
