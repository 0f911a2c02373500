import { describe, expect, it } from 'vitest';
import { formatPromptInput, questionInContext } from '../../../src/answer/llm/format-sources.js';
import { retrievedFor } from '../llm/fixtures.js';

describe('questionInContext', () => {
  it('leaves a question read on its own as it is', () => {
    expect(questionInContext('what is a weakref?', undefined)).toBe('what is a weakref?');
  });

  it('adds what a follow-up asks together with the earlier questions', () => {
    expect(
      questionInContext('what about dicts?', {
        rule: 'continuation',
        searchedFor: 'what about dicts?\nare tuples smaller than lists?',
      }),
    ).toBe(
      'what about dicts?\n\n(A follow-up: read with the earlier questions it asks about "what about dicts? are tuples smaller than lists?")',
    );
  });

  it('is what LLM mode puts in the prompt, so the model knows what "why?" is about', () => {
    const retrieved = retrievedFor({ question: 'why?' }, ['Tuples over Lists']);
    const followed = {
      ...retrieved,
      extractive: {
        ...retrieved.extractive,
        followUp: { rule: 'elliptical' as const, searchedFor: 'are tuples smaller than lists?' },
      },
    };
    const input = formatPromptInput(followed, { maxPromptTokens: 8_000, fixedChars: 3_000 });
    expect(input.question).toBe(
      'why?\n\n(A follow-up: read with the earlier questions it asks about "are tuples smaller than lists?")',
    );
  });
});
