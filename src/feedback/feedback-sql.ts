import { questionKey } from '../answer/answer-id.js';
import type { QuestionTally } from './question-tally.js';
import type { AbstainedQuestion, FeedbackEntry, FeedbackSummary, RetentionPolicy, UnhelpfulQuestion } from './types.js';

// Of two tallies of a question, the one whose latest answer came later wins the "latest" columns,
// whichever is written first (batches retried after a failure, concurrent requests on D1).
const IF_LATER = 'CASE WHEN excluded.last_at >= questions.last_at THEN excluded';
const latest = (column: string) => `${column} = ${IF_LATER}.${column} ELSE questions.${column} END`;

/**
 * The SQL both stores run (SQLite dialect: D1 is SQLite), with anonymous `?` parameters (what both
 * drivers bind by position), and the mapping of its rows. Schema: `migrations/0002_questions.sql`.
 */
export const FEEDBACK_SQL = {
  /** Adds a tally of answers to its question's row, creating the row for a new question. */
  upsertQuestion: `INSERT INTO questions (question_hash, question_key, question, asked, abstained, last_abstained, citations,
      top_score, first_at, last_at, last_abstained_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (question_hash) DO UPDATE SET
      asked = questions.asked + excluded.asked,
      abstained = questions.abstained + excluded.abstained,
      ${['question_key', 'question', 'last_abstained', 'citations', 'top_score'].map(latest).join(',\n      ')},
      first_at = MIN(questions.first_at, excluded.first_at),
      last_at = MAX(questions.last_at, excluded.last_at),
      last_abstained_at = CASE WHEN excluded.last_abstained_at > COALESCE(questions.last_abstained_at, '')
        THEN excluded.last_abstained_at ELSE questions.last_abstained_at END`,

  /**
   * Inserts or replaces the verdict, only for a question that was answered: no row changed =
   * unknown answer. Run to completion (`run()`), never read row by row: a write whose statement is
   * left open commits only when the statement is reset, and that commit's error (a full disk) is
   * lost, while the open statement keeps the WAL from being checkpointed (issue #19).
   */
  upsertFeedback: `INSERT INTO feedback (answer_id, question_hash, helpful, comment, created_at, updated_at)
    SELECT ?, question_hash, ?, ?, ?, ? FROM questions WHERE question_hash = ?
    ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, updated_at = excluded.updated_at`,

  totals: `SELECT
      COALESCE(SUM(asked), 0) AS answers,
      COALESCE(SUM(abstained), 0) AS abstained,
      (SELECT COUNT(*) FROM feedback) AS feedback,
      (SELECT COUNT(*) FROM feedback WHERE helpful = 1) AS helpful
    FROM questions`,

  leastHelpful: `WITH grouped AS (
      SELECT question_hash, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful, MAX(updated_at) AS last_at
      FROM feedback GROUP BY question_hash HAVING SUM(1 - helpful) > 0
    )
    SELECT g.helpful, g.unhelpful, g.last_at, q.question, q.last_abstained AS abstained, q.citations,
      (SELECT json_group_array(comment) FROM (
        SELECT c.comment FROM feedback c
        WHERE c.question_hash = g.question_hash AND c.helpful = 0 AND c.comment IS NOT NULL
        ORDER BY c.updated_at DESC LIMIT 3)) AS comments
    FROM grouped g JOIN questions q ON q.question_hash = g.question_hash
    ORDER BY g.unhelpful DESC, g.helpful ASC, g.last_at DESC
    LIMIT ?`,

  /**
   * Retention, in this order (each a `?` for the parameter named): verdicts on questions last asked
   * before the cut-off, then those questions (`cutoff`); verdicts on the questions beyond the
   * newest `maxQuestions`, then those questions; verdicts beyond the newest `maxVerdicts` or older
   * than the cut-off. See `retentionParams`.
   */
  prune: [
    'DELETE FROM feedback WHERE question_hash IN (SELECT question_hash FROM questions WHERE last_at < ?)',
    'DELETE FROM questions WHERE last_at < ?',
    'DELETE FROM feedback WHERE question_hash IN (SELECT question_hash FROM questions ORDER BY last_at DESC LIMIT -1 OFFSET ?)',
    'DELETE FROM questions WHERE question_hash IN (SELECT question_hash FROM questions ORDER BY last_at DESC LIMIT -1 OFFSET ?)',
    'DELETE FROM feedback WHERE answer_id IN (SELECT answer_id FROM feedback ORDER BY updated_at DESC LIMIT -1 OFFSET ?) OR updated_at < ?',
  ],

  abstained: `SELECT question, abstained AS count, last_abstained_at AS last_at
    FROM questions WHERE abstained > 0
    ORDER BY abstained DESC, last_abstained_at DESC
    LIMIT ?`,
} as const;

type SqlValue = string | number | null;

/** Parameters of `upsertQuestion`. */
export function questionParams(questionHash: string, tally: QuestionTally): SqlValue[] {
  return [
    questionHash,
    questionKey(tally.question),
    tally.question,
    tally.asked,
    tally.abstained,
    tally.lastAbstained ? 1 : 0,
    JSON.stringify(tally.citations),
    tally.topScore,
    tally.firstAt,
    tally.lastAt,
    tally.lastAbstainedAt,
  ];
}

/** Parameters of `upsertFeedback`; ids are kept lowercase, so one answer has one verdict whatever the case it is sent in. */
export function feedbackParams(entry: FeedbackEntry, questionHash: string): SqlValue[] {
  return [entry.answerId.toLowerCase(), entry.helpful ? 1 : 0, entry.comment ?? null, entry.at, entry.at, questionHash];
}

/** The parameters of each `FEEDBACK_SQL.prune` statement, for `policy` at `now`. */
export function retentionParams(policy: RetentionPolicy, now: Date): SqlValue[][] {
  const cutoff = new Date(now.getTime() - policy.maxAgeDays * 86_400_000).toISOString();
  return [[cutoff], [cutoff], [policy.maxQuestions], [policy.maxQuestions], [policy.maxVerdicts, cutoff]];
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
export function toSummary(
  totals: TotalsRow,
  leastHelpful: readonly LeastHelpfulRow[],
  abstained: readonly AbstainedRow[],
): FeedbackSummary {
  return {
    totals: { ...totals, unhelpful: totals.feedback - totals.helpful },
    leastHelpful: leastHelpful.map((row): UnhelpfulQuestion => ({
      question: row.question,
      unhelpful: row.unhelpful,
      helpful: row.helpful,
      abstained: row.abstained === 1,
      citations: JSON.parse(row.citations) as string[],
      comments: JSON.parse(row.comments) as string[],
      lastFeedbackAt: row.last_at,
    })),
    abstained: abstained.map((row): AbstainedQuestion => ({
      question: row.question,
      count: row.count,
      lastAskedAt: row.last_at,
    })),
  };
}
