import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Question } from '../../../src/answer/types.js';
import { composeExtractiveAnswer } from '../../../src/answer/extractive-answer.js';
import type { LlmLimits } from '../../../src/answer/llm/llm-config.js';
import type { Retrieved } from '../../../src/answer/llm/retrieved.js';
import { chunkMarkdown } from '../../../src/knowledge/chunk.js';
import type { Tip } from '../../../src/knowledge/types.js';
import { assembleUnits } from '../../../src/knowledge/units.js';
import type { Logger } from '../../../src/logger.js';
import type { ScoredTip } from '../../../src/retrieval/hybrid-retriever.js';

const guidance = readFileSync(
  fileURLToPath(new URL('../../../knowledge/python-memory-guidance.md', import.meta.url)),
  'utf8',
);

/** The real guidance's tips, chunked by the real chunker (no index needed). */
export const TIPS: readonly Tip[] = assembleUnits([
  {
    file: 'python-memory-guidance.md',
    primary: true,
    units: chunkMarkdown('python-memory-guidance.md', guidance).tips,
  },
]);

export function tip(title: string): Tip {
  const found = TIPS.find((t) => t.title === title);
  if (!found) throw new Error(`no tip titled ${title}`);
  return found;
}

/**
 * A retrieval that found the given tips, best first, with the real extractive answer composed from
 * them: what the retrieve step hands the chain, without depending on the ranking.
 */
export function retrievedFor(question: Question, titles: readonly string[]): Retrieved {
  // The composer reads only `tip` and `score`; the ranking signals do not matter here.
  const scored = titles.map((title, i) => ({ tip: tip(title), score: 0.9 - i * 0.1 }) as ScoredTip);
  const composed = composeExtractiveAnswer(scored, { minScore: 0.2, relativeCutoff: 0.5, allTips: TIPS });
  const extractive = { answerId: 'answer-under-test', ...composed };
  const sources = extractive.abstained ? [] : extractive.citations.map((c) => ({ n: c.n, tip: tip(c.title) }));
  return { question, extractive, sources };
}

/** Limits with retry delays short enough for tests. */
export const TEST_LIMITS: LlmLimits = {
  timeoutMs: 5_000,
  maxOutputTokens: 512,
  maxPromptTokens: 8_000,
  maxRetries: 2,
  retryBaseDelayMs: 5,
  maxRetryDelayMs: 20,
};

export interface LogEntry {
  readonly level: 'info' | 'error';
  readonly event: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps what it is told, for assertions. */
export function recordingLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (event, fields = {}) => void entries.push({ level: 'info', event, fields }),
    error: (event, fields = {}) => void entries.push({ level: 'error', event, fields }),
  };
}
