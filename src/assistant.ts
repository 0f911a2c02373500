import { inProcessAnalyzer, type AnalyzeRequest, type CodeAnalyzer } from './analyze/code-analyzer.js';
import { explainFindings } from './analyze/rule-citations.js';
import type { AnalysisResult } from './analyze/types.js';
import type { AnswerEvent } from './answer/answer-events.js';
import { answerJson } from './answer/answer-memo.js';
import type { AnswerSettings } from './answer/answer-options.js';
import { createAnswerer, snippetIsPython, type AskOptions } from './answer/answer-question.js';
import type { LlmSetup } from './answer/llm/providers.js';
import type { Answer, AnswerMode, Question } from './answer/types.js';
import type { FeedbackStore } from './feedback/feedback-store.js';
import type { AnswerRecord } from './feedback/types.js';
import type { KnowledgeContext, Tip } from './knowledge/types.js';
import { silentLogger, type Logger } from './logger.js';
import type { ScoredTip } from './retrieval/hybrid-retriever.js';
import { withGlossary } from './retrieval/glossary.js';
import type { IndexManifest } from './retrieval/index-artifacts.js';
import type { LoadedIndex, LoadedKnowledgeFile } from './retrieval/load-retriever.js';

/**
 * What every channel (REST, Slack, Discord, widget, MCP) calls: one place that answers, searches
 * and knows the tips. Channels adapt transport and formatting only.
 */
export interface Assistant {
  readonly manifest: IndexManifest;
  /** The tips answers may use (`KNOWLEDGE_FILES`), primary files first. */
  readonly tips: readonly Tip[];
  /** Every knowledge file of the index, with its hash and whether answers use it. */
  readonly files: readonly LoadedKnowledgeFile[];
  readonly context: readonly KnowledgeContext[];
  tip(id: string): Tip | undefined;
  search(query: string, k: number): Promise<ScoredTip[]>;
  /** Searches so far that went on without the (remote) embedder: what was built meanwhile is degraded, not to be cached. */
  embedderFailures(): number;
  ask(question: Question, options?: AskOptions): Promise<Answer>;
  /**
   * `JSON.stringify(answer)`, made once per remembered answer: for a repeated question only the
   * new `answerId` is serialized (a 1.5 KB answer took 8.7 µs to serialize, 0.6 µs this way).
   */
  answerJson(answer: Answer): string;
  /** The same answer as a stream: `citations`, `delta`s, `done` (see `AnswerEvent`). */
  askStream(question: Question, options?: AskOptions): AsyncGenerator<AnswerEvent>;
  /** `llm` when a model is configured (its answers may still fall back to extractive). */
  readonly answerMode: AnswerMode;
  /**
   * Memory anti-patterns in pasted Python, each cited to a tip, through the service's
   * {@link CodeAnalyzer} (Node: worker threads). Rejects with `AnalysisBudgetError` (422) or
   * `AnalysisUnavailableError` (503).
   */
  analyze(request: AnalyzeRequest, options?: AskOptions): Promise<AnalysisResult>;
  /**
   * The question with its snippet analyzed (unchanged without one, or when already analyzed).
   * `ask` and `askStream` do this themselves; a stream calls it first, so that a refused analysis
   * is a plain error response rather than an error event after the stream started.
   */
  analyzeQuestion(question: Question, options?: AskOptions): Promise<Question>;
}

export type { AnalyzeRequest } from './analyze/code-analyzer.js';

/** What the assistant may use beyond the index: the configured model (LLM mode), the analyzer, the feedback store and the logger. */
export interface AssistantOptions {
  readonly llm?: LlmSetup | undefined;
  /** Where code is analyzed (Node: a worker-thread pool); in process by default. */
  readonly analyzer?: CodeAnalyzer | undefined;
  /**
   * Every answer given (on any channel) is counted here under its question, so that feedback
   * naming an `answerId` leads back to the question and abstained questions show in the summary.
   * A store failure is logged and never costs the reader the answer. Absent, nothing is recorded.
   */
  readonly feedback?: FeedbackStore | undefined;
  readonly logger?: Logger | undefined;
  /** When an answer was given, for its record; `new Date()` by default. */
  readonly now?: () => Date;
}

export function createAssistant(
  index: LoadedIndex,
  settings: AnswerSettings,
  options: AssistantOptions = {},
): Assistant {
  const answerer = createAnswerer({ index, settings, llm: options.llm, logger: options.logger ?? silentLogger });
  const byId = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  const logger = options.logger ?? silentLogger;
  const analyzer =
    options.analyzer ??
    inProcessAnalyzer({
      onRuleError: (rule, error) => logger.error('analyzer_rule_failed', { rule, error: String(error) }),
    });
  const tip = (id: string) => byId.get(id);
  const analyzeQuestion = async (question: Question, askOptions?: AskOptions): Promise<Question> =>
    question.snippet?.trim() && !question.analysis && snippetIsPython(question)
      ? {
          ...question,
          analysis: explainFindings(
            await analyzer.analyze({ code: question.snippet }, { signal: askOptions?.signal }),
            tip,
          ),
        }
      : question;
  const record = options.feedback && answerRecorder(options.feedback, logger, options.now ?? (() => new Date()));
  return {
    manifest: index.manifest,
    tips: index.knowledge.tips,
    files: index.files,
    context: index.knowledge.context,
    tip,
    // Read as `answerQuestion` reads a question: a Chinese query by its glossary words.
    search: (query, k) => index.retriever.search(withGlossary(query), k),
    embedderFailures: () => index.retriever.embedderFailures,
    async ask(question, askOptions) {
      const answer = await answerer.ask(await analyzeQuestion(question, askOptions), askOptions);
      const recording = record?.(question, answer);
      if (recording) await recording;
      return answer;
    },
    answerJson,
    async *askStream(question, askOptions) {
      for await (const event of answerer.stream(await analyzeQuestion(question, askOptions), askOptions)) {
        // Recorded before `done` goes out, so feedback sent as soon as the reader sees it finds the answer.
        const recording = event.type === 'done' ? record?.(question, event.answer) : undefined;
        if (recording) await recording;
        yield event;
      }
    },
    answerMode: answerer.mode,
    analyze: async (request, askOptions) =>
      explainFindings(await analyzer.analyze(request, { signal: askOptions?.signal }), tip),
    analyzeQuestion,
  };
}

/**
 * Counts an answer in the feedback store; the promise when the store writes asynchronously (D1).
 * A failure is logged, never thrown.
 */
function answerRecorder(store: FeedbackStore, logger: Logger, now: () => Date) {
  const failed = (answer: Answer) => (error: unknown) => {
    logger.error('answer_record_failed', { answerId: answer.answerId, error: String(error) });
  };
  // A store that counts in memory (SQLite) returns nothing, and costs no extra microtask.
  return (question: Question, answer: Answer): Promise<void> | undefined => {
    try {
      return store.recordAnswer(answerRecord(question, answer, now()))?.catch(failed(answer));
    } catch (error) {
      failed(answer)(error);
      return undefined;
    }
  };
}

/** What is kept of an answer: the question (not the pasted snippet), the outcome and the tips cited. */
export function answerRecord(question: Question, answer: Answer, at: Date): AnswerRecord {
  return {
    answerId: answer.answerId,
    question: question.question,
    abstained: answer.abstained,
    citations: answer.citations.map((c) => c.id),
    topScore: answer.citations[0]?.score ?? null,
    createdAt: at.toISOString(),
  };
}
