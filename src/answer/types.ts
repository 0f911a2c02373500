import type { TipSource } from '../knowledge/types.js';

/** A tip an answer stands on; `n` is the `[n]` marker used in the answer text. */
export interface Citation {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly score: number;
  readonly source: TipSource;
}

export interface AnswerExample {
  readonly language: string;
  readonly code: string;
  /** Id of the cited tip the example belongs to. */
  readonly citation: string;
}

/** The `/v1/ask` response body. */
export interface Answer {
  /** Markdown. */
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly Citation[];
  readonly examples: readonly AnswerExample[];
}
