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

/**
 * How much the feedback store keeps (issue #19): `FEEDBACK_MAX_AGE_DAYS`, `FEEDBACK_MAX_QUESTIONS`,
 * `FEEDBACK_MAX_VERDICTS`. A question not asked for `maxAgeDays` goes with its verdicts, and so do
 * the least recently asked beyond `maxQuestions`; verdicts beyond `maxVerdicts` go oldest first.
 */
export interface RetentionPolicy {
  readonly maxAgeDays: number;
  readonly maxQuestions: number;
  readonly maxVerdicts: number;
}

/** The defaults. A question of the longest kind (2,000 characters) takes about 4.8 KB on disk and a verdict with the longest comment about 1.3 KB (measured, issue #19), so at most about 125 MB in all. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeDays: 180, maxQuestions: 20_000, maxVerdicts: 20_000 };

/** Rows retention removed. */
export interface PruneResult {
  readonly questions: number;
  readonly verdicts: number;
}

/**
 * The state of the store's storage, for `/healthz`: `failing` while its latest write failed (and
 * none succeeded since), `low-space` when the disk is nearly full (Node).
 */
export interface StorageHealth {
  readonly status: 'ok' | 'failing' | 'low-space';
  /** The latest write failure, if there was one since start-up. */
  readonly lastError?: { readonly at: string; readonly message: string };
  /** Node: free bytes on the database's disk and the size of its write-ahead log. */
  readonly freeBytes?: number;
  readonly walBytes?: number;
}
