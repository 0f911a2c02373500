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
 * The assistant, with every answer it gives (on any channel) counted in the feedback store under
 * its question, so that feedback naming an `answerId` leads back to the question and abstained
 * questions show in the summary. A store failure is logged and never costs the reader the
 * answer. Without a store it returns the assistant unchanged.
 *
 * @example const assistant = recordingAnswers(createAssistant(index, settings), store, { logger });
 */
export function recordingAnswers(
  assistant: Assistant,
  store: FeedbackStore | undefined,
  options: RecordAnswersOptions,
): Assistant {
  if (!store) return assistant;
  const now = options.now ?? (() => new Date());
  const failed = (answer: Answer) => (error: unknown) => {
    options.logger.error('answer_record_failed', { answerId: answer.answerId, error: String(error) });
  };
  // A store that counts in memory (SQLite) returns nothing, and costs no extra microtask here.
  const record = (question: Question, answer: Answer): Promise<void> | undefined => {
    try {
      return store.recordAnswer(answerRecord(question, answer, now()))?.catch(failed(answer));
    } catch (error) {
      failed(answer)(error);
      return undefined;
    }
  };
  return {
    ...assistant,
    async ask(question, askOptions) {
      const answer = await assistant.ask(question, askOptions);
      const recording = record(question, answer);
      if (recording) await recording;
      return answer;
    },
    // Recorded before `done` goes out, so feedback sent as soon as the reader sees it finds the answer.
    async *askStream(question, askOptions) {
      for await (const event of assistant.askStream(question, askOptions)) {
        if (event.type === 'done') {
          const recording = record(question, event.answer);
          if (recording) await recording;
        }
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
