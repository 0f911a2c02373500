import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { abstainReasonFor, CONFIDENCE_THRESHOLDS, confidenceForScore } from '../../src/answer/confidence.js';
import type { ScoredTip } from '../../src/retrieval/hybrid-retriever.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const tip = index.knowledge.tips[0]!;
const scored = (signals: Partial<ScoredTip>): ScoredTip[] => [
  { tip, score: 0.1, vectorScore: 0, lexicalScore: 0, coverage: 0, notCovered: 0, ...signals },
];

describe('confidenceForScore', () => {
  it('splits at the calibrated thresholds', () => {
    expect(confidenceForScore(CONFIDENCE_THRESHOLDS.high)).toBe('high');
    expect(confidenceForScore(CONFIDENCE_THRESHOLDS.high - 0.001)).toBe('medium');
    expect(confidenceForScore(CONFIDENCE_THRESHOLDS.medium)).toBe('medium');
    expect(confidenceForScore(CONFIDENCE_THRESHOLDS.medium - 0.001)).toBe('low');
    expect(CONFIDENCE_THRESHOLDS.medium).toBeGreaterThan(DEFAULT_ANSWER_OPTIONS.minScore);
  });
});

describe('abstainReasonFor', () => {
  it('is out_of_scope when a not-covered topic explains the question better, or nothing relates', () => {
    expect(abstainReasonFor(scored({ coverage: 0.2, notCovered: 0.9 }))).toBe('out_of_scope');
    expect(abstainReasonFor(scored({ coverage: 0 }))).toBe('out_of_scope');
    expect(abstainReasonFor([])).toBe('out_of_scope');
  });

  it('is low_similarity when tips share words with it but none scores enough', () => {
    expect(abstainReasonFor(scored({ coverage: 0.4, notCovered: 0.1 }))).toBe('low_similarity');
  });
});

describe('every answer carries its confidence', () => {
  it('high for a plain question, low with a reason for one the guidance does not cover', async () => {
    const sure = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question: 'what is reference counting?' });
    expect(sure).toMatchObject({ abstained: false, confidence: 'high' });
    expect(sure.abstainReason).toBeUndefined();
    const off = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question: 'what is the capital of France?' });
    expect(off).toMatchObject({ abstained: true, confidence: 'low', abstainReason: 'out_of_scope' });
  });

  it('high when pasted code has findings, whatever the question scores: the findings are the evidence', async () => {
    const answer = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, {
      question: 'is this ok?',
      snippet: 'out = ""\nfor part in parts:\n    out += part\n',
    });
    expect(answer.findings?.length ?? 0).toBeGreaterThan(0);
    expect(answer).toMatchObject({ abstained: false, confidence: 'high' });
  });
});

describe('memory questions no unit answers', () => {
  it.each([
    'are immortal objects in Python 3.12 ever freed',
    'my program crashes with a MemoryError in deepcopy of a large nested structure',
  ])('%s → said so, with related tips at most (not-covered topics in scope-rules.json)', async (question) => {
    const answer = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question });
    expect(answer).toMatchObject({ abstained: true, coverage: 'related', confidence: 'low', citations: [] });
  });

  // A not-covered topic must not catch a question a unit answers through a shared everyday word
  // ("figure out", "history", "request").
  it.each([
    "There is a memory leak in my Python app, I haven't been able to figure out where yet",
    'memory grows when I keep the history of results in a list',
    'my API server leaks memory on each HTTP request',
    // Said so until the unit on containers' limits answered it.
    "my python process in docker sees the host's memory with psutil",
    // Said so until the unit on reading JSON a record at a time answered it.
    'json.load of a 2 GB file uses 20 GB of RAM',
    // Said so until the unit on what asyncio keeps waiting answered it.
    'memory grows with every asyncio task I create with run_in_executor',
    // Said so until the unit on closing matplotlib figures answered it.
    'matplotlib memory keeps growing when I create figures in a loop',
    // Said so until the unit on IPython's output cache answered it.
    'Jupyter notebook memory keeps growing, Out[] keeps old results',
    // Said so until the unit on glibc's allocator answered it.
    'jemalloc or tcmalloc: should I LD_PRELOAD a different allocator for my Python service?',
    // Said so until the unit on what a thread costs answered it.
    'memory of threading.local data is never released after the thread ends',
  ])('%s → answered', async (question) => {
    const answer = await answerQuestion(index, DEFAULT_ANSWER_OPTIONS, { question });
    expect(answer).toMatchObject({ abstained: false, coverage: 'answer' });
  });
});
