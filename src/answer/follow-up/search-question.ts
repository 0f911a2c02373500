import type { LoadedIndex } from '../../retrieval/load-retriever.js';
import type { ScoredTip } from '../../retrieval/hybrid-retriever.js';
import type { FollowUp } from '../types.js';
import type { ChatTurn } from './chat-turn.js';
import { readAloneWith } from './read-alone.js';
import { resolveFollowUp } from './resolve-follow-up.js';
import { searchResolved } from './search-resolved.js';

export interface QuestionSearch {
  /** The question names no topic and follows up on none: nothing was searched. */
  readonly empty: boolean;
  /** The text searched (the resolved question, and the snippet after it). */
  readonly query: string;
  /** The `k` best tips, best first. */
  readonly scored: readonly ScoredTip[];
  /** How the conversation changed the search; absent when the question was read on its own. */
  readonly followUp?: FollowUp;
  /** The follow-up's own words are out of scope (see `ResolvedQuestion.offTopic`): its confidence is at most `low`. */
  readonly offTopic?: boolean;
}

export interface SearchQuestionInput {
  readonly question: string;
  readonly snippet?: string | undefined;
  readonly history?: readonly ChatTurn[] | undefined;
  readonly k: number;
  /** The answering threshold: a question under it that a not-covered topic explains is out of scope. */
  readonly minScore: number;
}

/**
 * Retrieval for one question of a conversation: resolves it against `history` (see
 * `resolveFollowUp`), then searches the result, with the pasted snippet, leaning toward the
 * follow-up's own words. Only what this search returns may be cited.
 *
 * @example
 * const { scored, followUp } = await searchQuestion(index, { question: 'why?', history, k: 3, minScore: 0.3 });
 */
export async function searchQuestion(index: LoadedIndex, input: SearchQuestionInput): Promise<QuestionSearch> {
  const readAlone = readAloneWith(index.retriever, input.minScore);
  const resolved = await resolveFollowUp(input.question, input.history ?? [], { readAlone });
  const hasSnippet = Boolean(input.snippet?.trim());
  const query = hasSnippet ? `${resolved.query}\n${input.snippet}` : resolved.query;
  const followUp = resolved.rule ? { followUp: { rule: resolved.rule, searchedFor: resolved.query } } : {};
  if (resolved.empty && !hasSnippet) return { empty: true, query, scored: [], ...followUp };
  const scored = await searchResolved(index.retriever, { query, focus: resolved.focus }, input.k);
  return { empty: false, query, scored, ...followUp, ...(resolved.offTopic ? { offTopic: true } : {}) };
}
