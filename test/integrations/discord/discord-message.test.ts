import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/analyze/types.js';
import {
  embedsSize,
  renderDiscordNotice,
  renderDiscordReply,
} from '../../../src/integrations/discord/discord-message.js';
import { DISCORD_LIMITS } from '../../../src/integrations/discord/discord-protocol.js';
import { citation, longAnswer } from '../helpers/answers.js';

const manyFindings = (n: number): AnalysisResult => ({
  findings: Array.from({ length: n }, (_, i) => ({
    rule: 'mutable-default-argument',
    severity: 'warning' as const,
    message: 'A long explanation of why this accumulates across calls. '.repeat(4),
    range: { start: { line: i * 3, character: 9 }, end: { line: i * 3, character: 11 } },
    citation: {
      id: 'x--y',
      title: 'Limit Global Variables',
      section: 'Be Cautious with Global Variables',
      guidance: { id: 'x--y', title: 'Limit Global Variables', section: 'Be Cautious with Global Variables' },
      explainedBy: 'Limit Global Variables',
    },
    suggestion: 'Default to `None`.',
  })),
  syntaxErrors: [],
});

describe('renderDiscordReply', () => {
  it('trims a long answer to 4,096 characters, closing its code block, with a field per source', () => {
    const [message, ...rest] = renderDiscordReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 12, codeLines: 200 }),
    });
    expect(rest).toHaveLength(0);
    const embed = message!.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.description!.length).toBeGreaterThan(DISCORD_LIMITS.embedDescription * 0.8); // cut at a line break
    expect((embed.description!.match(/```/g) ?? []).length % 2).toBe(0);
    expect(embed.fields?.map((f) => f.name)).toEqual(['[1] Tip 1', '[2] Tip 2', '[3] Tip 3']);
    expect(embedsSize(message!.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
  });

  it('quotes the question in content within 2,000 characters and never pings anyone', () => {
    const [message] = renderDiscordReply({
      question: `@everyone ${'why? '.repeat(600)}`,
      answer: longAnswer({ paragraphs: 1, codeBlocks: 0 }),
    });
    expect(message!.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message!.content.startsWith('> @everyone why?')).toBe(true);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  it('splits findings and answer into a follow-up when together they pass 6,000 characters', () => {
    const messages = renderDiscordReply(
      { question: 'q', answer: longAnswer({ paragraphs: 12, codeLines: 200 }), analysis: manyFindings(30) },
      { ephemeral: true },
    );
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.embeds.map((e) => e.title))).toEqual([
      ['30 findings in your code'],
      ['From the Python memory guidance'],
    ]);
    expect(messages.map((m) => m.content)).toEqual(['> q', '']);
    for (const m of messages) {
      expect(embedsSize(m.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
      expect(m.flags).toBe(64);
    }
    expect(messages[0]!.embeds[0]!.description).toMatch(/\*…and \d+ more\.\*$/);
  });

  it('keeps one message when everything fits, findings first', () => {
    const messages = renderDiscordReply({
      question: 'q',
      answer: longAnswer({ paragraphs: 1, codeBlocks: 0 }),
      analysis: manyFindings(1),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds.map((e) => e.title)).toEqual([
      '1 finding in your code',
      'From the Python memory guidance',
    ]);
    expect(messages[0]!.embeds[0]!.description).toMatch(/^⚠️ \*\*Line 1\*\*: A long explanation/);
  });

  it('drops trailing source fields rather than pass 6,000 characters', () => {
    const answer = {
      ...longAnswer({ paragraphs: 12, codeLines: 200 }),
      citations: Array.from({ length: 10 }, (_, i) => citation(i + 1, `${'Very long tip title '.repeat(12)}${i}`)),
    };
    const [message] = renderDiscordReply({ question: 'q', answer });
    expect(embedsSize(message!.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    expect(message!.embeds[0]!.fields!.length).toBeGreaterThan(0);
    for (const f of message!.embeds[0]!.fields!) expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
  });

  it('marks abstentions and LLM answers', () => {
    const abstained = {
      ...longAnswer({ paragraphs: 1, codeBlocks: 0, citations: 0 }),
      abstained: true,
      answer: "The guidance doesn't cover this.",
    };
    const [message] = renderDiscordReply({ question: 'q', answer: { ...abstained, coverage: 'none' } });
    expect(message!.embeds[0]).toMatchObject({
      title: 'Not covered by the guidance',
      description: "The guidance doesn't cover this.",
      fields: [],
    });
    // A refusal quotes nothing, so no footer says it quotes (it read "Quoted from the cited tips").
    expect(message!.embeds[0]!.footer).toBeUndefined();
    const [llm] = renderDiscordReply({
      question: 'q',
      answer: { ...longAnswer({ paragraphs: 1, codeBlocks: 0 }), mode: 'llm' },
    });
    expect(llm!.embeds[0]!.footer?.text).toBe('Written by a model from the cited tips');
  });
});

describe('renderDiscordNotice', () => {
  it('is a plain, optionally ephemeral, message', () => {
    expect(renderDiscordNotice('hi', { ephemeral: true })).toEqual({
      content: 'hi',
      embeds: [],
      allowed_mentions: { parse: [] },
      flags: 64,
    });
  });
});
