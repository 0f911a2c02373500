import { questionHashOf } from '../answer/answer-id.js';
import type { AnswerRecord } from './types.js';

/**
 * The answers to one question, not yet written: how many, how many abstained, and what the
 * latest of them was. A store upserts it into its `questions` row (`FEEDBACK_SQL.upsertQuestion`).
 */
export interface QuestionTally {
  /** The latest wording. */
  question: string;
  asked: number;
  abstained: number;
  /** Whether the latest answer abstained. */
  lastAbstained: boolean;
  /** Tips the latest answer cited. */
  citations: readonly string[];
  topScore: number | null;
  /** ISO 8601, like the other times. */
  firstAt: string;
  lastAt: string;
  /** The latest abstained answer's time; null when none abstained. */
  lastAbstainedAt: string | null;
}

/**
 * The hash of the question an answer was to, read from its id (`newAnswerId`); throws for an id
 * that carries none, which no feedback could name.
 *
 * @example questionHashOfAnswer({ answerId: newAnswerId('gc?'), … }) === questionHash('gc?') // true
 */
export function questionHashOfAnswer(record: AnswerRecord): string {
  const hash = questionHashOf(record.answerId);
  if (hash === undefined)
    throw new TypeError(`Answer id "${record.answerId}" carries no question hash: make it with newAnswerId().`);
  return hash;
}

/**
 * The tally of one answer.
 *
 * @example tallyOf(record) // { asked: 1, abstained: record.abstained ? 1 : 0, … }
 */
export function tallyOf(record: AnswerRecord): QuestionTally {
  return {
    question: record.question,
    asked: 1,
    abstained: record.abstained ? 1 : 0,
    lastAbstained: record.abstained,
    citations: record.citations,
    topScore: record.topScore,
    firstAt: record.createdAt,
    lastAt: record.createdAt,
    lastAbstainedAt: record.abstained ? record.createdAt : null,
  };
}

/**
 * Adds `other` (answers to the same question) into `into`, in place. The latest wording, outcome
 * and citations are those of whichever tally's last answer came later (ties: `other`), so the
 * order tallies are added in does not matter.
 *
 * @example addTally(pending, tallyOf(record)) // pending.asked + 1
 */
export function addTally(into: QuestionTally, other: QuestionTally): void {
  if (other.lastAt >= into.lastAt) {
    into.question = other.question;
    into.lastAbstained = other.lastAbstained;
    into.citations = other.citations;
    into.topScore = other.topScore;
    into.lastAt = other.lastAt;
  }
  into.asked += other.asked;
  into.abstained += other.abstained;
  if (other.firstAt < into.firstAt) into.firstAt = other.firstAt;
  if (
    other.lastAbstainedAt !== null &&
    (into.lastAbstainedAt === null || other.lastAbstainedAt > into.lastAbstainedAt)
  ) {
    into.lastAbstainedAt = other.lastAbstainedAt;
  }
}
