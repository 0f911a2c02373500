import type { HybridRetriever, ScoredTip } from '../../retrieval/hybrid-retriever.js';
import type { ResolvedQuestion } from './resolve-follow-up.js';

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
  if (!resolved.focus) return retriever.search(resolved.query, k);
  return best(await scoreResolved(retriever, resolved), k);
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
  if (!resolved.focus) return retriever.scoreAll(resolved.query);
  const { text, weight } = resolved.focus;
  const [combined, own] = await Promise.all([retriever.scoreAll(resolved.query), retriever.scoreAll(text)]);
  const ownBest = Math.max(0, ...own.map((s) => s.score));
  if (ownBest < MIN_FOCUS_SCORE) return combined;
  // Both lists are in tip order (the same retriever's `scoreAll`): the own words' score is at the same index.
  return combined.map((s, i) => ({
    ...s,
    score: round(s.score * (1 - weight + (weight * (own[i]?.score ?? 0)) / ownBest)),
  }));
}

/**
 * The `k` first of the tips scoring above 0, best first, equal scores by tip id: what sorting them
 * all and keeping `k` gives, without sorting a 1,000-unit knowledge for the 3 an answer cites.
 */
function best(scored: readonly ScoredTip[], k: number): ScoredTip[] {
  const before = (a: ScoredTip, b: ScoredTip) => b.score - a.score || a.tip.id.localeCompare(b.tip.id);
  if (!Number.isInteger(k) || k <= 0)
    return [...scored]
      .filter((s) => s.score > 0)
      .sort(before)
      .slice(0, k);
  const top: ScoredTip[] = [];
  for (const s of scored) {
    if (s.score <= 0) continue;
    const last = top[k - 1];
    if (last && before(s, last) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(s, top[at - 1] as ScoredTip) < 0) at--;
    top.splice(at, 0, s);
    if (top.length > k) top.pop();
  }
  return top;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
