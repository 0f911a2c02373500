import { questionKey } from './question-key.js';
import type { AbstainedQuestion, AnswerRecord, FeedbackEntry, FeedbackSummary, UnhelpfulQuestion } from './types.js';

/**
 * The SQL both stores run (SQLite dialect: D1 is SQLite), with anonymous `?` parameters (what both
 * drivers bind by position), and the mapping of its rows. Schema: `migrations/0001_create_feedback.sql`.
 */
export const FEEDBACK_SQL = {
  insertAnswer: `INSERT INTO answers (answer_id, question, question_key, abstained, citations, top_score, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,

  /** Inserts or replaces the verdict, only for a recorded answer: no row returned = unknown answer. */
  upsertFeedback: `INSERT INTO feedback (answer_id, helpful, comment, created_at, updated_at)
    SELECT answer_id, ?, ?, ?, ? FROM answers WHERE answer_id = ?
    ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, updated_at = excluded.updated_at
    RETURNING answer_id`,

  totals: `SELECT
      (SELECT COUNT(*) FROM answers) AS answers,
      (SELECT COUNT(*) FROM answers WHERE abstained = 1) AS abstained,
      (SELECT COUNT(*) FROM feedback) AS feedback,
      (SELECT COUNT(*) FROM feedback WHERE helpful = 1) AS helpful`,

  leastHelpful: `WITH rated AS (
      SELECT a.question_key, a.question, a.abstained, a.citations, f.helpful, f.comment, f.updated_at,
             ROW_NUMBER() OVER (PARTITION BY a.question_key ORDER BY f.updated_at DESC) AS recency
      FROM feedback f JOIN answers a ON a.answer_id = f.answer_id
    ), grouped AS (
      SELECT question_key, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful, MAX(updated_at) AS last_at
      FROM rated GROUP BY question_key HAVING SUM(1 - helpful) > 0
    )
    SELECT g.helpful, g.unhelpful, g.last_at, r.question, r.abstained, r.citations,
      (SELECT json_group_array(comment) FROM (
        SELECT c.comment FROM rated c
        WHERE c.question_key = g.question_key AND c.helpful = 0 AND c.comment IS NOT NULL
        ORDER BY c.updated_at DESC LIMIT 3)) AS comments
    FROM grouped g JOIN rated r ON r.question_key = g.question_key AND r.recency = 1
    ORDER BY g.unhelpful DESC, g.helpful ASC, g.last_at DESC
    LIMIT ?`,

  abstained: `SELECT COUNT(*) AS count, MAX(a.created_at) AS last_at,
      (SELECT b.question FROM answers b WHERE b.question_key = a.question_key ORDER BY b.created_at DESC LIMIT 1) AS question
    FROM answers a WHERE a.abstained = 1
    GROUP BY a.question_key
    ORDER BY count DESC, last_at DESC
    LIMIT ?`,
} as const;

type SqlValue = string | number | null;

export function answerParams(record: AnswerRecord): SqlValue[] {
  return [
    record.answerId,
    record.question,
    questionKey(record.question),
    record.abstained ? 1 : 0,
    JSON.stringify(record.citations),
    record.topScore,
    record.createdAt,
  ];
}

export function feedbackParams(entry: FeedbackEntry): SqlValue[] {
  return [entry.helpful ? 1 : 0, entry.comment ?? null, entry.at, entry.at, entry.answerId];
}

export interface TotalsRow {
  answers: number;
  abstained: number;
  feedback: number;
  helpful: number;
}

export interface LeastHelpfulRow {
  helpful: number;
  unhelpful: number;
  last_at: string;
  question: string;
  abstained: number;
  citations: string;
  comments: string;
}

export interface AbstainedRow {
  count: number;
  last_at: string;
  question: string;
}

/** Assembles the summary from the three queries' rows. */
export function toSummary(totals: TotalsRow, leastHelpful: readonly LeastHelpfulRow[], abstained: readonly AbstainedRow[]): FeedbackSummary {
  return {
    totals: { ...totals, unhelpful: totals.feedback - totals.helpful },
    leastHelpful: leastHelpful.map(
      (row): UnhelpfulQuestion => ({
        question: row.question,
        unhelpful: row.unhelpful,
        helpful: row.helpful,
        abstained: row.abstained === 1,
        citations: JSON.parse(row.citations) as string[],
        comments: JSON.parse(row.comments) as string[],
        lastFeedbackAt: row.last_at,
      }),
    ),
    abstained: abstained.map((row): AbstainedQuestion => ({ question: row.question, count: row.count, lastAskedAt: row.last_at })),
  };
}
