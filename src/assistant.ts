import type { AnswerSettings } from './answer/answer-options.js';
import { answerQuestion, type Question } from './answer/answer-question.js';
import type { Answer } from './answer/types.js';
import type { KnowledgeContext, Tip } from './knowledge/types.js';
import type { ScoredTip } from './retrieval/hybrid-retriever.js';
import type { IndexManifest } from './retrieval/index-artifacts.js';
import type { LoadedIndex } from './retrieval/load-retriever.js';

/**
 * What every channel (REST, Slack, Discord, widget, MCP) calls: one place that answers, searches
 * and knows the tips. Channels adapt transport and formatting only.
 */
export interface Assistant {
  readonly manifest: IndexManifest;
  readonly tips: readonly Tip[];
  readonly context: readonly KnowledgeContext[];
  tip(id: string): Tip | undefined;
  search(query: string, k: number): Promise<ScoredTip[]>;
  ask(question: Question): Promise<Answer>;
}

export function createAssistant(index: LoadedIndex, settings: AnswerSettings): Assistant {
  const byId = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  return {
    manifest: index.manifest,
    tips: index.knowledge.tips,
    context: index.knowledge.context,
    tip: (id) => byId.get(id),
    search: (query, k) => index.retriever.search(query, k),
    ask: (question) => answerQuestion(index, settings, question),
  };
}
