import type { HybridRetriever } from '../../retrieval/hybrid-retriever.js';
import { abstainReasonFor, confidenceForScore } from '../confidence.js';
import type { AloneVerdict } from './resolve-follow-up.js';

/**
 * The `readAlone` of `resolveFollowUp`: searches a question on its own; `answered` when its best
 * tip reaches the "high" confidence threshold; when it would be abstained on as out of scope,
 * `out_of_scope` if a not-covered topic accounts for it ({@link CLEARLY_NOT_COVERED}), else
 * `doubtful`; otherwise `unclear`.
 *
 * @example
 * const readAlone = readAloneWith(index.retriever, settings.minScore);
 * await readAlone('how do I intern strings?') // 'answered'
 */
export function readAloneWith(retriever: HybridRetriever, minScore: number): (question: string) => Promise<AloneVerdict> {
  return async (question) => {
    const scored = await retriever.search(question, 1);
    const top = scored[0];
    if (!top) return 'out_of_scope'; // no word of it relates to any tip
    const best = top.score;
    if (confidenceForScore(best) === 'high') return 'answered';
    if (best >= minScore || abstainReasonFor(scored) !== 'out_of_scope') return 'unclear';
    return top.notCovered >= CLEARLY_NOT_COVERED ? 'out_of_scope' : 'doubtful';
  };
}

/**
 * A question a not-covered topic accounts for this fully (its share of the question's weighted
 * words, see `TermCoverage`) is about that topic, whatever it points back to: "how do I install
 * it with pip?" (1.0). "is it thread safe?" (0.51) stays a doubtful follow-up.
 */
export const CLEARLY_NOT_COVERED = 0.9;
