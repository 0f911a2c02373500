/**
 * Answering thresholds for the default embedder. `minScore` is the fused score under which the
 * service abstains; see the README ("Abstention") for how it was chosen.
 */
export const DEFAULT_ANSWER_OPTIONS = {
  minScore: 0.2,
  relativeCutoff: 0.6,
  defaultK: 3,
} as const;

export interface AnswerSettings {
  readonly minScore: number;
  readonly relativeCutoff: number;
  readonly defaultK: number;
}
