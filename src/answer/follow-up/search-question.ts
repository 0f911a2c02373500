import type { Tip } from '../../knowledge/types.js';
import type { HybridRetriever, ScoredTip } from '../../retrieval/hybrid-retriever.js';
import type { LoadedIndex } from '../../retrieval/load-retriever.js';
import { abstainReasonFor } from '../confidence.js';
import type { FollowUp } from '../types.js';
import type { ChatTurn } from './chat-turn.js';
import { resolveFollowUp, type AloneVerdict, type ResolvedQuestion } from './resolve-follow-up.js';

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
  /** The unit that says how to find the cause of what the text reports (`HybridRetriever.triageFor`), if any; never for a follow-up. */
  readonly triage?: Tip;
  /** With `triage`: the text has one of its `decisive` words (`HybridRetriever.triageOf`). */
  readonly triageDecides?: boolean;
  /**
   * With `triage`: the text names an API of its best unit, or of a unit asked beside it
   * (`HybridRetriever.namesApiOf`), which a short question asks about.
   */
  readonly namesBestApi?: boolean;
}

export interface SearchQuestionInput {
  readonly question: string;
  readonly snippet?: string | undefined;
  readonly history?: readonly ChatTurn[] | undefined;
  readonly k: number;
  /** The answering threshold: a question under it that a not-covered topic explains is out of scope. */
  readonly minScore: number;
  /** The unit the previous answer cited first: an `anaphoric` or `elliptical` follow-up keeps it first when it is close (see {@link keepSubjectFirst}). */
  readonly subject?: string | undefined;
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
  const found = await searchResolved(index.retriever, { query, focus: resolved.focus }, input.k);
  const staysOnSubject = resolved.rule === 'anaphoric' || resolved.rule === 'elliptical';
  const scored = staysOnSubject && input.subject ? keepSubjectFirst(found, input.subject) : found;
  // A follow-up continues what the conversation's answers said: the steps to find a cause are for
  // a report that opens it ("how do I free it?" after a notebook leak is about the notebook's unit).
  const report = resolved.rule ? undefined : index.retriever.triageOf(query);
  const triage = report?.unit;
  const triageDecides = report?.decides === true;
  // The best unit, or one the knowledge cites beside it for the question's words (`Tip.beside`): a
  // short "VideoCapture leaks memory" asks about the unit on native memory, which lists `videocapture`.
  const namesBestApi =
    triage !== undefined &&
    index.retriever.namesApiOf(
      query,
      scored.filter((s, i) => i === 0 || s.besideAsked === true).map((s) => s.tip),
    );
  return {
    empty: false,
    query,
    scored,
    ...followUp,
    ...(resolved.offTopic ? { offTopic: true } : {}),
    ...(triage ? { triage } : {}),
    ...(triageDecides ? { triageDecides } : {}),
    ...(namesBestApi ? { namesBestApi } : {}),
  };
}

/**
 * The `readAlone` of `resolveFollowUp`: searches a question on its own; `answered` when its best
 * tip reaches {@link STANDS_ALONE_SCORE}; when it would be abstained on as out of scope,
 * `out_of_scope` if a not-covered topic accounts for it ({@link CLEARLY_NOT_COVERED}), else
 * `doubtful`; otherwise `unclear`.
 *
 * @example
 * const readAlone = readAloneWith(index.retriever, settings.minScore);
 * await readAlone('how do I intern strings?') // 'answered'
 */
export function readAloneWith(
  retriever: HybridRetriever,
  minScore: number,
): (question: string) => Promise<AloneVerdict> {
  return async (question) => {
    const scored = await retriever.search(question, 1);
    const top = scored[0];
    if (!top) return 'out_of_scope'; // no word of it relates to any tip
    const best = top.score;
    if (best >= STANDS_ALONE_SCORE) return 'answered';
    if (best >= minScore || abstainReasonFor(scored) !== 'out_of_scope') return 'unclear';
    return top.notCovered >= CLEARLY_NOT_COVERED ? 'out_of_scope' : 'doubtful';
  };
}

/**
 * How far below the best tip the previous answer's first unit may score and still stay first for
 * a follow-up that points back at it. The scripted conversations' follow-ups do not move at any
 * margin from 0 to 1; "how do I find it then?" after the memray unit needs 0.15 (the profiling
 * tip leads it by 0.12–0.15), the conversations opening with a companion unit need 0.03.
 */
export const SUBJECT_MARGIN = 0.15;

/**
 * A follow-up that points back ("how do I find it then?") or names no topic ("any caveats?") asks
 * about what the previous answer was about, so the unit that answer cited first stays first when
 * it scores within {@link SUBJECT_MARGIN} of the best tip, lifted to the best score: the answer
 * then continues with that unit's next facet instead of switching to a broader tip that the
 * follow-up's general words ("find", "memory") match as well. An elliptical follow-up searches the
 * earlier question again, so it needs this only when that question's own answer was reordered so.
 *
 * @example keepSubjectFirst(scored, 'leaks--native-memory-memray') // the memray unit first when within the margin
 */
export function keepSubjectFirst(
  scored: readonly ScoredTip[],
  subject: string,
  margin = SUBJECT_MARGIN,
): readonly ScoredTip[] {
  const top = scored[0];
  const at = scored.findIndex((s) => s.tip.id === subject);
  const kept = scored[at];
  if (!top || !kept || at === 0 || kept.score < top.score - margin) return scored;
  return [{ ...kept, score: top.score }, ...scored.filter((_, i) => i !== at)];
}

/**
 * A question whose best tip scores this much on its own is a new topic, not a follow-up ("how do
 * I intern strings?" after a question on reference counting). It was the `high` confidence
 * threshold when follow-ups were tuned (issue 10, on the follow-ups of `questions.json`); it
 * stays apart from the confidence thresholds, which are now calibrated on real questions for
 * another purpose (how often `high` answers are right).
 */
export const STANDS_ALONE_SCORE = 0.683;

/**
 * A question a not-covered topic accounts for this fully (its share of the question's weighted
 * words, see `TermCoverage`) is about that topic, whatever it points back to: "how do I install
 * it with pip?" (1.0). "is it thread safe?" (0.51) stays a doubtful follow-up.
 */
export const CLEARLY_NOT_COVERED = 0.9;

/**
 * Own words whose best tip scores under this do not point anywhere ("and in a loop?"): the search
 * with the topic is then ranked as it is.
 */
export const MIN_FOCUS_SCORE = 0.15;

/**
 * Searches a resolved question: the `k` best tips for its query, best first. With a `focus` (the
 * follow-up's own words), each tip's score is scaled by `1 - w + w × (its score for the own words
 * ÷ the best such score)`, `w` the focus weight: at 0.6 a tip the own words do not match keeps
 * 40% of its score, so "what about dicts?" after "are tuples smaller than lists?" cites the
 * dictionary tip first, not the tuple one again.
 *
 * @example
 * const scored = await searchResolved(index.retriever, await resolveFollowUp(question, history, options), 3);
 */
export async function searchResolved(
  retriever: HybridRetriever,
  resolved: Pick<ResolvedQuestion, 'query' | 'focus'>,
  k: number,
): Promise<ScoredTip[]> {
  return retriever.search(resolved.query, k, await leaningToward(retriever, resolved.focus));
}

/**
 * Every tip scored for a resolved question, in tip order (for evaluation): the query's signals,
 * with the fused `score` leaning toward the focus as {@link searchResolved} ranks it.
 *
 * @example const all = await scoreResolved(index.retriever, resolved);
 */
export async function scoreResolved(
  retriever: HybridRetriever,
  resolved: Pick<ResolvedQuestion, 'query' | 'focus'>,
): Promise<ScoredTip[]> {
  const [all, lean] = await Promise.all([retriever.scoreAll(resolved.query), leaningToward(retriever, resolved.focus)]);
  return lean ? all.map((s, t) => ({ ...s, score: lean(t, s.score) })) : all;
}

/**
 * How a tip's score leans toward the follow-up's own words (see {@link searchResolved}), from its
 * index in tip order and its score; none without a focus, or when the own words' best tip scores
 * under {@link MIN_FOCUS_SCORE} (they point nowhere).
 */
async function leaningToward(
  retriever: HybridRetriever,
  focus: ResolvedQuestion['focus'],
): Promise<((tip: number, score: number) => number) | undefined> {
  if (!focus) return undefined;
  const { text, weight } = focus;
  const own = await retriever.fusedScores(text);
  const ownBest = Math.max(0, ...own);
  if (ownBest < MIN_FOCUS_SCORE) return undefined;
  return (tip, score) => round(score * (1 - weight + (weight * (own[tip] ?? 0)) / ownBest));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
