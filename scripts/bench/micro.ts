import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { composeExtractiveAnswer } from '../../src/answer/extractive-answer.js';
import { loadIndexFromDisk } from '../../src/platform/node/load-index.js';
import { createDefaultEmbedder } from '../../src/retrieval/default-embedder.js';
import { INDEX_FILES } from '../../src/retrieval/index-artifacts.js';
import { WordVectors } from '../../src/retrieval/word-vectors.js';
import { evalQuestions } from './http-scenarios.js';
import { KIB, pythonSnippet } from './python-snippets.js';

/** One micro-benchmark's timing, in ms per call. */
export interface MicroResult {
  readonly name: string;
  /** What one call does. */
  readonly what: string;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly samples: number;
}

export interface MicroOptions {
  readonly indexDir: string;
  /** Time spent measuring each task, in ms (after a warm-up of a fifth of it). */
  readonly timeMs: number;
}

/**
 * tinybench over the pieces a request is made of, in this process, on the built index. Inputs
 * rotate through the eval set's questions, on a retriever without its query cache (so every
 * search is a real one), except the row that times the cache itself.
 *
 * @example
 * const rows = await runMicroBenchmarks({ indexDir: 'build/index', timeMs: 2000 });
 */
export async function runMicroBenchmarks(options: MicroOptions): Promise<MicroResult[]> {
  const index = await loadIndexFromDisk(options.indexDir, undefined, { queryCacheSize: 0 });
  const cached = await loadIndexFromDisk(options.indexDir);
  const embedder = createDefaultEmbedder(
    WordVectors.decode(await readFile(join(options.indexDir, INDEX_FILES.wordVectors))),
  );
  const settings = DEFAULT_ANSWER_OPTIONS;
  const questions = evalQuestions().map((q) => q.question);
  const retrieved = await Promise.all(questions.map((q) => index.retriever.search(q, settings.defaultK)));
  const snippet2k = pythonSnippet(2 * KIB);
  const snippet64k = pythonSnippet(64 * KIB);
  const next = rotation(questions.length);

  const tasks: [name: string, what: string, fn: () => unknown][] = [
    [
      'query embedding',
      'default embedder (SIF over the GloVe int8 table), one eval question',
      () => embedder.embed([questions[next()] ?? '']),
    ],
    [
      'hybrid search',
      '`retriever.search(question, 5)`: query analysis, embedding, cosine, BM25, coverage, fusion',
      () => index.retriever.search(questions[next()] ?? '', 5),
    ],
    [
      'hybrid search, repeated question',
      'the same, for a question among the last 1,000 searched (query cache)',
      () => cached.retriever.search(questions[next()] ?? '', 5),
    ],
    [
      'answer composition',
      'extractive answer (markdown, citations, examples) from already retrieved tips',
      () => composeExtractiveAnswer(retrieved[next()] ?? [], { ...settings, allTips: index.knowledge.tips }),
    ],
    [
      'ask, end to end in process',
      '`answerQuestion`: retrieval + composition + confidence, no HTTP',
      () => answerQuestion(index, settings, { question: questions[next()] ?? '' }),
    ],
    [
      'analyzer, 2 KiB',
      `\`analyzeSnippet\` on ${Buffer.byteLength(snippet2k)} bytes of Python`,
      () => analyzeSnippet(snippet2k),
    ],
    [
      'analyzer, 64 KiB',
      `\`analyzeSnippet\` on ${Buffer.byteLength(snippet64k)} bytes of Python`,
      () => analyzeSnippet(snippet64k),
    ],
    [
      'index load (warm process)',
      '`loadIndexFromDisk`: read + parse manifest, tips, BM25, vectors, word table; build the retriever',
      () => loadIndexFromDisk(options.indexDir),
    ],
  ];

  const bench = new Bench({ time: options.timeMs, warmupTime: options.timeMs / 5, retainSamples: false });
  for (const [name, , fn] of tasks) bench.add(name, fn);
  await bench.run();
  return bench.tasks.map((task, i) => {
    const result = task.result;
    if (result.state !== 'completed')
      throw new Error(`micro-benchmark "${task.name}" did not complete: ${result.state}`);
    return {
      name: task.name,
      what: tasks[i]?.[1] ?? '',
      meanMs: result.latency.mean,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      samples: result.latency.samplesCount,
    };
  });
}

/** 0, 1, …, n - 1, 0, 1, … */
function rotation(n: number): () => number {
  let i = -1;
  return () => (i = (i + 1) % n);
}
