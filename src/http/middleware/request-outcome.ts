import type { Context } from 'hono';

/**
 * What a request produced, for the request log and metrics: routes record it on `c.var.outcome`,
 * the observing middleware reads it when the response is done.
 */
export interface RequestOutcome {
  /** Best score among the cited tips (0–1); absent when nothing was cited. */
  readonly topScore?: number;
  /** Whether an answer abstained. */
  readonly abstained?: boolean;
  /** The answer's confidence (`high`, `medium`, `low`), and why it abstained. */
  readonly confidence?: string;
  readonly abstainReason?: string;
  /** Analyzer findings in the response. */
  readonly findings?: number;
  /** The MCP tool called, on `/mcp`. */
  readonly tool?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** What the route produced ({@link recordOutcome}), read by the request log and metrics. */
    outcome: RequestOutcome | undefined;
  }
}

/** The parts of an answer the outcome is read from (`/v1/ask`, its stream, MCP, bots). */
export interface AnswerLike {
  readonly abstained: boolean;
  readonly confidence?: string | undefined;
  readonly abstainReason?: string | undefined;
  readonly citations: readonly { readonly score: number }[];
  readonly findings?: readonly unknown[];
}

/**
 * Merges fields into the request's outcome.
 *
 * @example
 * const answer = await assistant.ask(question);
 * recordOutcome(c, answerOutcome(answer));
 */
export function recordOutcome(c: Context, outcome: RequestOutcome): void {
  c.set('outcome', { ...c.get('outcome'), ...outcome });
}

/** The outcome of an answer: top cited score, abstention and its reason, confidence, findings count. */
export function answerOutcome(answer: AnswerLike): RequestOutcome {
  const scores = answer.citations.map((c) => c.score);
  return {
    abstained: answer.abstained,
    ...(answer.confidence ? { confidence: answer.confidence } : {}),
    ...(answer.abstainReason ? { abstainReason: answer.abstainReason } : {}),
    ...(scores.length > 0 ? { topScore: Math.max(...scores) } : {}),
    ...(answer.findings ? { findings: answer.findings.length } : {}),
  };
}
