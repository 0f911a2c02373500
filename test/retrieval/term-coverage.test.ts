import { describe, expect, it } from 'vitest';
import { TermCoverage } from '../../src/retrieval/term-coverage.js';
import { tinyTable } from './fixtures.js';

const coverage = new TermCoverage(
  tinyTable(),
  new Map([
    ['memory-tip', ['memory']],
    ['string-tip', ['string', 'join']],
    ['~not-covered#1', ['pizza']],
  ]),
);
const term = (word: string, ...alternatives: string[]) => ({ word, alternatives });

describe('TermCoverage', () => {
  it('scores 1 for a tip that has every word of the question', () => {
    expect(coverage.score([term('memory')]).get('memory-tip')).toBe(1);
  });

  it('credits a synonym by its word-vector cosine, and an unrelated word not at all', () => {
    const scores = coverage.score([term('ram')]);
    expect(scores.get('memory-tip')).toBeGreaterThan(0.9);
    expect(scores.get('string-tip')).toBe(0);
  });

  it('lets an alternative (a correction or an expansion) stand for the word', () => {
    expect(coverage.score([term('refcnt', 'memory')]).get('memory-tip')).toBe(1);
  });

  it('is pulled down by a word no tip explains, weighted by how rare it is', () => {
    const scores = coverage.score([term('memory'), term('pizza')]);
    const memory = scores.get('memory-tip') ?? 0;
    expect(memory).toBeGreaterThan(0.4);
    expect(memory).toBeLessThan(0.6);
    expect(scores.get('~not-covered#1')).toBeGreaterThan(0.4);
  });

  it('counts an unknown word fully (a name like "django") but ignores a letter or two', () => {
    expect(coverage.score([term('memory'), term('django')]).get('memory-tip')).toBeCloseTo(0.9 / 1.9, 2);
    expect(coverage.score([term('memory'), term('xy')]).get('memory-tip')).toBe(1);
  });

  it('returns nothing for a question with no weighable word', () => {
    expect(coverage.score([]).size).toBe(0);
  });
});
