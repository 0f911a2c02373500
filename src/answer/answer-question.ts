import type { LoadedIndex } from '../retrieval/load-retriever.js';
import type { AnswerSettings } from './answer-options.js';
import { composeExtractiveAnswer } from './extractive-answer.js';
import type { Answer } from './types.js';

export interface Question {
  readonly question: string;
  /** Pasted Python code; its identifiers steer retrieval. */
  readonly snippet?: string | undefined;
  readonly k?: number | undefined;
}

/**
 * The one answering path every channel uses (REST, Slack, Discord, widget): retrieve, then compose
 * an extractive, cited answer.
 */
export async function answerQuestion(index: LoadedIndex, settings: AnswerSettings, q: Question): Promise<Answer> {
  const query = q.snippet ? `${q.question}\n${q.snippet}` : q.question;
  const scored = await index.retriever.search(query, q.k ?? settings.defaultK);
  return composeExtractiveAnswer(scored, { ...settings, allTips: index.knowledge.tips });
}
