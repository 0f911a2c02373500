import { LRUCache } from 'lru-cache';
import { answerIdFor, questionHashOf } from './answer-id.js';
import type { Answer, Question } from './types.js';

/** Default number of distinct questions whose extractive answers are kept. */
export const DEFAULT_ANSWER_MEMO_SIZE = 1_000;
/** Questions whose text, snippet and history exceed this (in characters) are answered afresh: rarely asked twice. */
const MEMO_MAX_CHARS = 4_096;

/** An answer without its id, kept for a question, and its JSON once someone asked for it. */
interface MemoEntry {
  readonly body: Omit<Answer, 'answerId'>;
  readonly questionHash: string;
  json?: string;
}

/** Answers given from the memo, to their entry: `answerJson` serializes the body once per entry. */
const entries = new WeakMap<Answer, MemoEntry>();

export interface AnswerMemoOptions {
  /** How many distinct questions keep their answer; 0 turns the memo off. Default 1,000. */
  readonly size?: number | undefined;
  /** The retriever's `embedderFailures`: an answer computed while it grew was degraded, and is not kept. */
  readonly embedderFailures?: () => number;
}

export interface AnswerMemo {
  /** The remembered answer to `question` with a new id, or `compute()`'s, remembered. */
  answer(question: Question, compute: () => Promise<Answer>): Promise<Answer>;
}

/**
 * The answers to questions asked recently (least recently used first out). An extractive answer is
 * a pure function of the question, its snippet and the snippet's fence language, `k` and its
 * history (the index and settings never change while the process runs), so a repeated question is
 * answered from here with a new `answerId` for the same question. Use {@link answerJson} to send
 * such an answer: its JSON is made once per remembered answer, not once per request (issue #8:
 * serializing a 2 KB answer was a tenth of the server's time on a repeated question).
 *
 * @example
 * const memo = createAnswerMemo({ embedderFailures: () => index.retriever.embedderFailures });
 * const answer = await memo.answer(question, () => answerQuestion(index, settings, question));
 */
export function createAnswerMemo(options: AnswerMemoOptions = {}): AnswerMemo {
  const size = options.size ?? DEFAULT_ANSWER_MEMO_SIZE;
  const failures = options.embedderFailures ?? (() => 0);
  if (size <= 0) return { answer: (_question, compute) => compute() };
  const recent = new LRUCache<string, MemoEntry>({ max: size });
  return {
    async answer(question, compute) {
      const key = memoKey(question);
      const hit = key === undefined ? undefined : recent.get(key);
      if (hit) {
        const answer: Answer = { answerId: answerIdFor(hit.questionHash), ...hit.body };
        entries.set(answer, hit);
        return answer;
      }
      const failuresBefore = failures();
      const answer = await compute();
      const questionHash = questionHashOf(answer.answerId);
      if (key !== undefined && questionHash !== undefined && failures() === failuresBefore) {
        const { answerId: _id, ...body } = answer;
        recent.set(key, { body: Object.freeze(body), questionHash });
      }
      return answer;
    },
  };
}

/**
 * The answer as JSON, exactly `JSON.stringify(answer)`, but for an answer from the memo only its
 * id is serialized per call.
 *
 * @example return c.body(answerJson(answer), 200, { 'content-type': 'application/json' }); // through `Assistant.answerJson`
 */
export function answerJson(answer: Answer): string {
  const entry = entries.get(answer);
  if (!entry) return JSON.stringify(answer);
  entry.json ??= JSON.stringify(entry.body);
  const rest = entry.json === '{}' ? '}' : `,${entry.json.slice(1)}`;
  return `{"answerId":${JSON.stringify(answer.answerId)}${rest}`;
}

/** The memo key of a question, or undefined when it is too long to be worth keeping. */
function memoKey(q: Question): string | undefined {
  let chars = q.question.length + (q.snippet?.length ?? 0);
  for (const turn of q.history ?? []) chars += turn.content.length;
  if (chars > MEMO_MAX_CHARS) return undefined;
  return JSON.stringify([q.question, q.k ?? null, q.snippet ?? null, q.snippetLanguage ?? null, q.history ?? null]);
}
