import type { Question } from '../answer/answer-question.js';
import type { Answer } from '../answer/types.js';
import type { Assistant } from '../assistant.js';
import type { Logger } from '../logger.js';
import type { FeedbackStore } from './feedback-store.js';
import type { AnswerRecord } from './types.js';

export interface RecordAnswersOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * The assistant, with every answer it gives (on any channel) remembered in the feedback store,
 * so that feedback naming an `answerId` leads back to its question and abstained questions show
 * in the summary. A store failure is logged and never costs the reader the answer. Without a
 * store it returns the assistant unchanged.
 *
 * @example const assistant = recordingAnswers(createAssistant(index, settings), store, { logger });
 */
export function recordingAnswers(assistant: Assistant, store: FeedbackStore | undefined, options: RecordAnswersOptions): Assistant {
  if (!store) return assistant;
  const now = options.now ?? (() => new Date());
  const record = async (question: Question, answer: Answer) => {
    try {
      await store.recordAnswer(answerRecord(question, answer, now()));
    } catch (error) {
      options.logger.error('answer_record_failed', { answerId: answer.answerId, error: String(error) });
    }
  };
  return {
    ...assistant,
    async ask(question, askOptions) {
      const answer = await assistant.ask(question, askOptions);
      await record(question, answer);
      return answer;
    },
    // Recorded before `done` goes out, so feedback sent as soon as the reader sees it finds the answer.
    async *askStream(question, askOptions) {
      for await (const event of assistant.askStream(question, askOptions)) {
        if (event.type === 'done') await record(question, event.answer);
        yield event;
      }
    },
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
