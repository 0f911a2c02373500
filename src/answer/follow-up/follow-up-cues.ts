import { tokenize } from '../../retrieval/tokenize.js';
import {
  CONTINUATION_OPENERS,
  CONTINUATION_WORDS,
  REFERRING_WORDS,
  REQUEST_WORDS,
  WEAK_REFERRING_WORDS,
} from './follow-up-words.js';

/** What the follow-up rules read off a question on its own. */
export interface FollowUpCues {
  /** The question's topic terms: the retriever's terms, less the {@link REQUEST_WORDS}. Empty for "why?". */
  readonly topicTerms: readonly string[];
  /** It opens with a {@link CONTINUATION_OPENERS} phrase ("what about …", "and for …"), or is short and has a {@link CONTINUATION_WORDS} word ("the tracemalloc version"). */
  readonly continues: boolean;
  /** It points back at something said before ("it", "them"; "this", "that", "then", "version", "instead" in a short question). */
  readonly refersBack: boolean;
  /** At most {@link SHORT_QUESTION_TERMS} topic terms: too little to stand on its own in a conversation. */
  readonly short: boolean;
}

/** A question with at most this many topic terms is short ("tuples?", "numpy arrays instead?"). */
export const SHORT_QUESTION_TERMS = 3;

const requestTerms = new Set(tokenize(REQUEST_WORDS.join(' ')));

/**
 * Reads the follow-up cues of a question: its topic terms, whether it opens like a continuation,
 * whether it refers back, whether it is short.
 *
 * @example
 * readCues('what about dicts?') // { topicTerms: ['dict'], continues: true, refersBack: false, short: true }
 */
export function readCues(question: string): FollowUpCues {
  const words = question.toLowerCase().match(/[a-z][a-z0-9_]*/g) ?? [];
  const topicTerms = tokenize(question).filter((t) => !requestTerms.has(t));
  const short = topicTerms.length <= SHORT_QUESTION_TERMS;
  const asksVariant = short && words.some((w) => CONTINUATION_WORDS.has(w));
  const refersBack = asksVariant || words.some((w) => REFERRING_WORDS.has(w) || (short && WEAK_REFERRING_WORDS.has(w)));
  const opening = words.join(' ');
  const continues = asksVariant || CONTINUATION_OPENERS.some((o) => opening === o || opening.startsWith(`${o} `));
  return { topicTerms, continues, refersBack, short };
}
