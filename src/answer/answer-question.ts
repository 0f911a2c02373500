import { SERVICE_ANALYSIS_LIMITS } from '../analyze/analysis-budget.js';
import { analyzeSnippet } from '../analyze/analyze-snippet.js';
import type { AnalysisResult } from '../analyze/types.js';
import type { LoadedIndex } from '../retrieval/load-retriever.js';
import { newAnswerId } from './answer-id.js';
import type { AnswerSettings } from './answer-options.js';
import { assessConfidence } from './confidence.js';
import { composeExtractiveAnswer } from './extractive-answer.js';
import { steerByFindings } from './findings-in-answer.js';
import type { ChatTurn } from './follow-up/chat-turn.js';
import { noTopicAnswer } from './follow-up/no-topic-answer.js';
import { searchQuestion } from './follow-up/search-question.js';
import type { Answer } from './types.js';

export interface Question {
  readonly question: string;
  /** Pasted Python code: analyzed (its findings lead the answer, their tips are cited) and its identifiers steer retrieval. */
  readonly snippet?: string | undefined;
  readonly k?: number | undefined;
  /** Earlier turns of the conversation, oldest first: a follow-up ("why?", "what about dicts?") is resolved against them. */
  readonly history?: readonly ChatTurn[] | undefined;
  /**
   * The snippet's analysis, made by the service's analyzer before answering (`Assistant.analyzeQuestion`),
   * so that it runs once, off the request thread on Node. Absent (scripts, tests), the snippet is
   * analyzed here, in process.
   */
  readonly analysis?: AnalysisResult | undefined;
}

/**
 * The one answering path every channel uses (REST, Slack, Discord, widget): retrieve, then compose
 * an extractive, cited answer.
 */
export async function answerQuestion(index: LoadedIndex, settings: AnswerSettings, q: Question): Promise<Answer> {
  const k = q.k ?? settings.defaultK;
  // A follow-up is resolved against the history first; only the tips retrieved for it are cited.
  const { empty, query, scored, followUp, offTopic } = await searchQuestion(index, { ...q, k, minScore: settings.minScore });
  const followed = followUp ? { followUp } : {};
  if (empty) return { answerId: newAnswerId(q.question), ...noTopicAnswer(index.knowledge.tips), ...followed };
  const composed = composeExtractiveAnswer(scored, { ...settings, allTips: index.knowledge.tips });
  if (!q.snippet?.trim()) return { answerId: newAnswerId(q.question), ...composed, ...assessConfidence(composed, scored, { offTopic }), ...followed };
  // Pasted code: its findings lead the answer and their tips are cited first.
  const analysis = q.analysis ?? analyzeSnippet(q.snippet, { limits: SERVICE_ANALYSIS_LIMITS });
  const steered = await steerByFindings(index, query, composed, analysis, k);
  const confidence = assessConfidence(steered, scored, { hasFindings: analysis.findings.length > 0, offTopic });
  return { answerId: newAnswerId(q.question), ...steered, findings: analysis.findings, ...confidence, ...followed };
}
