import type { Logger } from '../logger.js';
import type { LoadedIndex } from '../retrieval/load-retriever.js';
import { citationsEvent, type AnswerEvent } from './answer-events.js';
import type { AnswerSettings } from './answer-options.js';
import { createAnswerMemo } from './answer-memo.js';
import { answerQuestion, type Question } from './answer-question.js';
import type { LlmAnswerer } from './llm/llm-answerer.js';
import type { LlmSetup } from './llm/providers.js';
import type { NumberedSource, Retrieved } from './llm/retrieved.js';
import type { Answer, AnswerMode } from './types.js';

export interface AnswererOptions {
  readonly index: LoadedIndex;
  readonly settings: AnswerSettings;
  /** The configured model; absent, every answer is extractive. */
  readonly llm?: LlmSetup | undefined;
  readonly logger: Logger;
  /** How many distinct questions keep their extractive answer (`createAnswerMemo`); 0 turns it off. Default 1,000. */
  readonly memoSize?: number | undefined;
}

export interface AskOptions {
  /** Stops an LLM generation when the caller goes away. */
  readonly signal?: AbortSignal | undefined;
}

/** Chooses how questions are answered: the configured model, grounded, or extractive. */
export interface Answerer {
  /** `llm` when a provider is configured (answers may still fall back), else `extractive`. */
  readonly mode: AnswerMode;
  ask(question: Question, options?: AskOptions): Promise<Answer>;
  /** The same answer as {@link ask}, as events (see {@link AnswerEvent}). */
  stream(question: Question, options?: AskOptions): AsyncGenerator<AnswerEvent>;
}

/**
 * The answering strategy behind `Assistant.ask`. Without an LLM it is the extractive answer with
 * `mode: "extractive"`. With one, the model writes from the same retrieved tips and the result is
 * checked; anything ungrounded or failed becomes the extractive answer with a `fallbackReason`.
 *
 * @example
 * const answerer = createAnswerer({ index, settings, llm, logger });
 * const answer = await answerer.ask({ question: 'how do I find a leak?' }); // answer.mode: 'llm' | 'extractive'
 */
export function createAnswerer(options: AnswererOptions): Answerer {
  const { index, settings, llm } = options;
  const memo = createAnswerMemo({ size: options.memoSize, embedderFailures: () => index.retriever.embedderFailures });
  const extractive = (q: Question): Promise<Answer> =>
    memo.answer(q, async () => ({ ...(await answerQuestion(index, settings, q)), mode: 'extractive' }));
  if (!llm) {
    return {
      mode: 'extractive',
      ask: extractive,
      async *stream(q) {
        const answer = await extractive(q);
        yield citationsEvent(answer);
        yield { type: 'delta', text: answer.answer };
        yield { type: 'done', answer };
      },
    };
  }

  const tipsById = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  const retrieve = async (question: Question): Promise<Retrieved> => {
    const answer = await answerQuestion(index, settings, question);
    const sources = answer.abstained
      ? []
      : answer.citations.flatMap((c): NumberedSource[] => {
          const tip = tipsById.get(c.id);
          return tip ? [{ n: c.n, tip }] : [];
        });
    return { question, extractive: answer, sources };
  };
  // LangChain's modules load with the first LLM answer: a server without a model never pays their ~25 MB.
  let loaded: Promise<LlmAnswerer> | undefined;
  const llmAnswerer = () =>
    (loaded ??= import('./llm/llm-answerer.js').then(({ createLlmAnswerer }) =>
      createLlmAnswerer({ llm, retrieve, logger: options.logger }),
    ));
  return {
    mode: 'llm',
    async *stream(q, o) {
      yield* (await llmAnswerer()).stream(q, o);
    },
    async ask(q, o) {
      for await (const event of (await llmAnswerer()).stream(q, o)) if (event.type === 'done') return event.answer;
      // Only reached when the caller aborted: there is no one to answer, but the type wants one.
      return extractive(q);
    },
  };
}
