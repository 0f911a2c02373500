import type { Finding } from '../analyze/types.js';
import type { TipSource } from '../knowledge/types.js';
import type { AbstainReason, Confidence, Coverage } from './confidence.js';
export type { AbstainReason, Confidence, Coverage } from './confidence.js';
import type { FollowUpRule } from './follow-up/resolve-follow-up.js';

/** A tip an answer stands on; `n` is the `[n]` marker used in the answer text. */
export interface Citation {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly score: number;
  readonly source: TipSource;
}

/**
 * A tip listed as related to a question the guidance does not answer (`coverage: "related"`):
 * it is about a neighbouring topic, and is not cited as the answer.
 */
export interface RelatedTip {
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
  /** Unique per answer: a UUIDv8 carrying a hash of the normalized question (`newAnswerId`); `POST /v1/feedback` refers to it. */
  readonly answerId: string;
  /** Markdown. */
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly Citation[];
  readonly examples: readonly AnswerExample[];
  /** With a `snippet`: what the analyzer found in it (same shape as `POST /v1/analyze`), in source order. */
  readonly findings?: readonly Finding[];
  /** Who wrote `answer` (always set by `Assistant.ask`); see {@link AnswerMode}. */
  readonly mode?: AnswerMode;
  /** Set when LLM mode is on but this answer is the extractive one; says why. */
  readonly fallbackReason?: FallbackReason;
  /** How well the guidance matches the question, from the retrieval scores (always set by `answerQuestion`); see {@link Confidence}. */
  readonly confidence?: Confidence;
  /** Set when `abstained` is true: why; see {@link AbstainReason}. */
  readonly abstainReason?: AbstainReason;
  /** Whether the guidance answers the question (always set by `answerQuestion`); see {@link Coverage}. */
  readonly coverage?: Coverage;
  /** With `coverage: "related"`: at most two tips on neighbouring topics, best first (not an answer). */
  readonly related?: readonly RelatedTip[];
  /** Set when the `history` sent with the question changed what was searched; see {@link FollowUp}. */
  readonly followUp?: FollowUp;
}

/**
 * How a question was read as a follow-up: the rule that applied (`elliptical`, `anaphoric` or
 * `continuation`, see `resolveFollowUp`) and the text that was searched for it.
 */
export interface FollowUp {
  readonly rule: FollowUpRule;
  readonly searchedFor: string;
}

/**
 * `llm`: written by the configured model from the retrieved tips and passed the grounding check;
 * `extractive`: composed from the tips' own words (the default, and every fallback).
 */
export type AnswerMode = 'llm' | 'extractive';

/**
 * Why LLM mode answered extractively: `no_sources` (nothing relevant retrieved; the model was not
 * asked), `unsupported` (the model said the sources do not answer it), `no_citations`,
 * `unknown_citation` (a `[n]` that was not a given source), `empty_answer`, `timeout`
 * (`LLM_TIMEOUT_MS` passed), `provider_error` (the provider failed, after retries).
 */
export type FallbackReason =
  | 'no_sources'
  | 'unsupported'
  | 'no_citations'
  | 'unknown_citation'
  | 'empty_answer'
  | 'timeout'
  | 'provider_error';

/** What an answerer composes; `answerQuestion` gives it its `answerId`. */
export type ComposedAnswer = Omit<Answer, 'answerId'>;
