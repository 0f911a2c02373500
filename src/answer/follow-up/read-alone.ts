import type { HybridRetriever } from '../../retrieval/hybrid-retriever.js';
import { abstainReasonFor } from '../confidence.js';
import type { AloneVerdict } from './resolve-follow-up.js';

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
