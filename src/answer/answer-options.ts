/**
 * Answering thresholds for the default embedder. `minScore` is the fused score under which the
 * service abstains: the midpoint of the widest run of thresholds that decide the most questions of
 * `test/eval/questions.json` right (`npm run eval` prints it); see the README, "Retrieval quality".
 */
export const DEFAULT_ANSWER_OPTIONS = {
  minScore: 0.3,
  relativeCutoff: 0.6,
  defaultK: 3,
} as const;

export interface AnswerSettings {
  readonly minScore: number;
  readonly relativeCutoff: number;
  readonly defaultK: number;
}
