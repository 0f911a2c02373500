import type { AnalysisResult, Finding } from '../analyze/types.js';
import type { FacetKind, TipSource } from '../knowledge/types.js';
import type { QuotedPart } from './facets.js';
export type { QuotedPart } from './facets.js';
import type { AbstainReason, Confidence, Coverage } from './confidence.js';
export type { AbstainReason, Confidence, Coverage } from './confidence.js';
import type { ChatTurn } from './follow-up/chat-turn.js';
import type { FollowUpRule } from './follow-up/resolve-follow-up.js';

/** A tip an answer stands on; `n` is the `[n]` marker used in the answer text. */
export interface Citation {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly score: number;
  /** Where the unit is written (for a guidance tip: the guidance's lines, even when a quoted facet is the companion's). */
  readonly source: TipSource;
  /**
   * What the answer quotes from this unit, in order: its short `text` and/or facets (`why`, `how`,
   * `measure`, `caveats`), each with the lines it stands on (a guidance tip's facets are written in
   * the companion: their lines are the companion's). Empty when the answer only points at the unit.
   */
  readonly quoted?: readonly QuotedPart[];
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
  /** The facet the example illustrates; absent for the unit's own example. */
  readonly facet?: FacetKind;
  /** What the example prints, as the knowledge states it (checked by `npm test`; `...` stands for any text). */
  readonly output?: string;
  /** The example's lines (for a companion example of a guidance tip, in the companion). */
  readonly source?: TipSource;
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
  /**
   * The facet the question asked for, by its wording ("why …" → `why`, "how do I …"/"show me" →
   * `how`, "how much …" → `measure`, "when not to …" → `caveats`) or, for a follow-up without
   * such words, by the question it continues. Absent when it asked for none.
   */
  readonly facet?: FacetKind;
  /**
   * Set (true) when the answer reads the question as Python's though it names no language, Python
   * library, Python API or code (`namesPython`): the answer says so above its sources. Said at a
   * conversation's first question only.
   */
  readonly assumedPython?: true;
  /**
   * Set (true) when the question is a report (of growth, a `MemoryError`, an OOM kill) that no
   * unit clearly matches (`triageUnit`): the answer opens by saying so and cites first the unit
   * that says how to find the cause (`Tip.triage`), then the closest unit. Its confidence is `low`.
   */
  readonly triage?: true;
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
  'no_sources' | 'unsupported' | 'no_citations' | 'unknown_citation' | 'empty_answer' | 'timeout' | 'provider_error';

/** What an answerer composes; `answerQuestion` gives it its `answerId`. */
export type ComposedAnswer = Omit<Answer, 'answerId'>;

/** A question as every channel asks it: the text, pasted code, and the conversation before it. */
export interface Question {
  readonly question: string;
  /** Pasted Python code: analyzed (its findings lead the answer, their tips are cited) and its identifiers steer retrieval. */
  readonly snippet?: string | undefined;
  /**
   * The language tag of the snippet's fence as a chat client sent it (```go): counted as scope
   * evidence like naming the language, and code in another language is not analyzed as Python.
   */
  readonly snippetLanguage?: string | undefined;
  readonly k?: number | undefined;
  /** Earlier turns of the conversation, oldest first: a follow-up ("why?", "what about dicts?") is resolved against them. */
  readonly history?: readonly ChatTurn[] | undefined;
  /**
   * The snippet's analysis, made by the service's analyzer before answering (`Assistant.analyzeQuestion`),
   * so that it runs once, off the request thread on Node. Absent (scripts, tests), the snippet is
   * analyzed here, in process.
   */
  readonly analysis?: AnalysisResult | undefined;
}
