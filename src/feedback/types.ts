/** An answer as counted for feedback: its question, outcome and citations. */
export interface AnswerRecord {
  /** From `newAnswerId(question)`: it carries the question's hash, which links feedback to the question. */
  readonly answerId: string;
  readonly question: string;
  readonly abstained: boolean;
  /** Ids of the cited tips, in citation order. */
  readonly citations: readonly string[];
  /** Score of the best cited tip; null when the answer abstained. */
  readonly topScore: number | null;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A reader's verdict on one answer. */
export interface FeedbackEntry {
  readonly answerId: string;
  readonly helpful: boolean;
  readonly comment?: string | undefined;
  /** ISO 8601. */
  readonly at: string;
}

/** Questions whose answers readers marked unhelpful, grouped by the normalized question. */
export interface UnhelpfulQuestion {
  /** The latest wording of the question. */
  readonly question: string;
  readonly unhelpful: number;
  readonly helpful: number;
  /** Whether the question's latest answer abstained. */
  readonly abstained: boolean;
  /** Tips the question's latest answer cited. */
  readonly citations: readonly string[];
  /** Up to three most recent comments left with an unhelpful vote, newest first. */
  readonly comments: readonly string[];
  readonly lastFeedbackAt: string;
}

/** A question the service could not answer from the guidance, grouped by the normalized question. */
export interface AbstainedQuestion {
  readonly question: string;
  readonly count: number;
  readonly lastAskedAt: string;
}

/** `GET /v1/feedback/summary`: what to improve in the knowledge. */
export interface FeedbackSummary {
  readonly totals: {
    readonly answers: number;
    readonly abstained: number;
    readonly feedback: number;
    readonly helpful: number;
    readonly unhelpful: number;
  };
  /** Most unhelpful votes first, then fewest helpful ones, then most recent. */
  readonly leastHelpful: readonly UnhelpfulQuestion[];
  /** Most often asked first, then most recent. */
  readonly abstained: readonly AbstainedQuestion[];
}

/** Outcome of saving feedback: stored (new or replacing an earlier vote), or no such answer. */
export type SaveFeedbackResult = 'saved' | 'unknown-answer';
