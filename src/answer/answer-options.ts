import type { ScopeThresholds } from '../retrieval/scope.js';
import calibration from './calibration.json' with { type: 'json' };

/**
 * When a question about Python memory counts as covered by a memory topic the guidance has no tip
 * for (`scope-rules.json`, `uncoveredMemoryTopics`), and which tips are listed as related then:
 * - `margin`: answered as related when such a topic explains at least this share of the
 *   question's words beyond what the tips explain (`ScoredTip.uncovered`);
 * - `floor`: a tip is listed as related only from this retrieval score up.
 */
export interface RelatedThresholds {
  readonly margin: number;
  readonly floor: number;
}

/** Fused-score thresholds of the confidence levels (see `confidence.ts`). */
export interface ConfidenceThresholds {
  readonly high: number;
  readonly medium: number;
  /**
   * The lead over the sixth unit (`leadOf`) a `medium` answer needs: under it the answer is `low`,
   * as under `medium`'s score (a logistic fit puts it right half of the time there).
   */
  readonly minLead: number;
}

export interface AnswerSettings {
  /** The fused score under which no tip is relevant enough to answer from. */
  readonly minScore: number;
  /** A further tip is cited only if it scores at least this share of the best one… */
  readonly relativeCutoff: number;
  /** …and accounts for at least this share of the question's words the tips cited before it do not. */
  readonly minNovelty: number;
  /** Most tips cited when the request does not say (`k`); `k` is a maximum, never a quota. */
  readonly defaultK: number;
  readonly scope: ScopeThresholds;
  readonly related: RelatedThresholds;
  readonly confidence: ConfidenceThresholds;
}

/**
 * The answering thresholds for the default embedder, from `calibration.json`: every number but
 * `defaultK` is what `npm run eval -- --calibrate` derives from the tuning data (the README,
 * "Retrieval quality", says how), so a changed knowledge base or retriever is re-tuned by running
 * it again.
 */
export const DEFAULT_ANSWER_OPTIONS: AnswerSettings = {
  minScore: calibration.minScore,
  relativeCutoff: calibration.relativeCutoff,
  minNovelty: calibration.minNovelty,
  defaultK: 3,
  scope: calibration.scope,
  related: calibration.related,
  confidence: calibration.confidence,
};
