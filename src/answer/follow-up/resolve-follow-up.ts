import { tokenize } from '../../retrieval/tokenize.js';
import type { ChatTurn } from './chat-turn.js';
import {
  CONTINUATION_OPENERS,
  CONTINUATION_WORDS,
  REFERRING_WORDS,
  REQUEST_WORDS,
  WEAK_REFERRING_WORDS,
} from './follow-up-words.js';

/**
 * How a question was read against the conversation:
 * - `elliptical`: it names no topic of its own ("why?", "show an example", "how does it work?"),
 *   so the previous question's topic is searched again, as it was searched then;
 * - `anaphoric`: it points back ("how do I avoid them?", "can I trigger it manually?"), so it is
 *   searched together with the previous topic, ranked toward the tips its own words match;
 * - `continuation`: it opens like a continuation ("what about dicts?", "and for tracemalloc?") or
 *   is short ("numpy?"), and does not answer well on its own: searched like `anaphoric`.
 */
export type FollowUpRule = 'elliptical' | 'anaphoric' | 'continuation';

/** What to search for a question, once the conversation before it is taken into account. */
export interface ResolvedQuestion {
  /** The text to search: the question, or the question with the topic it follows up on. */
  readonly query: string;
  /** The follow-up's own words, when `query` adds a topic to them: the ranking leans toward the tips these match. */
  readonly focus?: Focus;
  /** Set when the conversation changed what is searched; absent for a question read on its own. */
  readonly rule?: FollowUpRule;
  /** Neither the question nor the conversation before it names any topic ("why?" as the first message). */
  readonly empty: boolean;
  /** Searched with its topic, but its own words are out of the guidance's scope: answer with `low` confidence at most. */
  readonly offTopic?: boolean;
  /** For a `continuation`: the topic it was added to, which a next continuation replaces it on. */
  readonly continues?: string;
}

/**
 * How a question does when searched on its own: `answered` (its best tip reaches the "high"
 * confidence threshold); `out_of_scope` (it would be abstained on, and a topic the guidance does
 * not cover accounts for it: "how do I install it with pip?"); `doubtful` (it would be abstained
 * on as out of scope, less clearly: "is it thread safe?"); or `unclear`.
 */
export type AloneVerdict = 'answered' | 'out_of_scope' | 'doubtful' | 'unclear';

/**
 * A follow-up's own words and how far they re-rank the search with the topic (see
 * `searchResolved`): a continuation names the new subject ("what about dicts?": weight 0.6), an
 * anaphoric question keeps the earlier subject and asks something about it ("how is it different
 * from a list?": weight 0.25). Chosen with `npm run eval` on the follow-up questions.
 */
export interface Focus {
  readonly text: string;
  readonly weight: number;
}

/** The {@link Focus} weight of each rule that searches with the topic. */
export const FOCUS_WEIGHTS = { continuation: 0.6, anaphoric: 0.25 } as const;

export interface ResolveFollowUpOptions {
  /** Searches a question on its own and says how it does (see {@link AloneVerdict}). */
  readonly readAlone: (question: string) => Promise<AloneVerdict>;
}

/**
 * Resolves a question against the earlier turns of its conversation, deterministically and
 * without server state. Only user turns set the topic (assistant turns are accepted so clients can
 * send the conversation as it is, but the answers were built from those questions anyway). Each
 * earlier user question is resolved the same way in order, so a chain ("how do I find a leak?" →
 * "and for tracemalloc?" → "show an example") keeps its topic. The rules, in order:
 *
 * 1. No earlier topic: the question is read on its own (`empty` when it names no topic either).
 * 2. No topic words of its own: `elliptical`, the earlier topic is searched again.
 * 3. Searched on its own, it is clearly out of the guidance's scope ("how do I install it with
 *    pip?"); or it does not point back and either answers well ("how do I intern strings?") or is
 *    doubtful ("and how do I sort a dict by value?"): a new topic, read on its own.
 * 4. It continues ("what about …", "and …"; "… version", "… instead" in a short question):
 *    `continuation`, searched with the earlier topic.
 * 5. It points back ("it", "them"; "this", "that", "then" in a short question): `anaphoric`,
 *    searched with the earlier topic.
 * 6. It is short (at most 3 topic words: "numpy?"): `continuation`.
 * 7. Otherwise: a new topic, read on its own.
 *
 * A follow-up searched with its topic although its own words are doubtful ("is it thread safe?"
 * after "what is a weak reference?") is marked `offTopic`: its answer is at most `low`
 * confidence, since the tips are about the topic, not about what was asked of it.
 *
 * @example
 * const resolved = await resolveFollowUp('what about dicts?', [{ role: 'user', content: 'are tuples smaller than lists?' }], { readAlone });
 * // → { query: 'what about dicts?\nare tuples smaller than lists?', focus: { text: 'what about dicts?', weight: 0.6 }, rule: 'continuation', empty: false }
 */
export async function resolveFollowUp(
  question: string,
  history: readonly ChatTurn[],
  options: ResolveFollowUpOptions,
): Promise<ResolvedQuestion> {
  let topic: ResolvedQuestion | undefined;
  for (const turn of history) {
    if (turn.role === 'user') topic = await resolveOne(turn.content, topic, options);
  }
  return resolveOne(question, topic, options);
}

async function resolveOne(
  question: string,
  topic: ResolvedQuestion | undefined,
  options: ResolveFollowUpOptions,
): Promise<ResolvedQuestion> {
  const cues = readCues(question);
  const hasTopic = cues.topicTerms.length > 0;
  if (!topic || topic.empty) return { query: question, empty: !hasTopic };
  if (!hasTopic) return { ...topic, rule: 'elliptical' };
  const alone = await options.readAlone(question);
  if (alone === 'out_of_scope' || (alone !== 'unclear' && !cues.refersBack)) return { query: question, empty: false };
  const offTopic = alone === 'doubtful';
  if (cues.continues) return withTopic(question, topic, 'continuation', offTopic);
  if (cues.refersBack) return withTopic(question, topic, 'anaphoric', offTopic);
  if (cues.short) return withTopic(question, topic, 'continuation', offTopic);
  return { query: question, empty: false };
}

/**
 * The follow-up searched with its topic. A continuation after a continuation replaces it rather
 * than adding to it: after "my dataframe uses too much memory" → "what about strings?", "and
 * numbers?" asks about numbers in the dataframe, not about strings and numbers.
 */
function withTopic(
  question: string,
  topic: ResolvedQuestion,
  rule: 'continuation' | 'anaphoric',
  offTopic: boolean,
): ResolvedQuestion {
  const focus = { text: question, weight: FOCUS_WEIGHTS[rule] };
  const replaces = rule === 'continuation' && topic.rule === 'continuation' && topic.continues !== undefined;
  const base = replaces ? topic.continues : topic.query;
  return {
    query: `${question}\n${base}`,
    focus,
    rule,
    empty: false,
    ...(rule === 'continuation' ? { continues: base } : {}),
    ...(offTopic ? { offTopic } : {}),
  };
}

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
