import type { Tip } from '../../knowledge/types.js';
import type { Answer, Question } from '../types.js';

/** A retrieved tip with the number the prompt and the answer cite it by. */
export interface NumberedSource {
  readonly n: number;
  readonly tip: Tip;
}

/**
 * What the retrieve step hands on: the question, the extractive answer for it (the fallback, and
 * the judge of what is relevant) and its cited tips as numbered sources, best first. A type alias
 * so that it is a record to LangChain's `RunnablePassthrough.assign`.
 */
export type Retrieved = {
  readonly question: Question;
  readonly extractive: Answer;
  readonly sources: readonly NumberedSource[];
};
