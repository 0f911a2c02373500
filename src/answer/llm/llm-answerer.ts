import type { Logger } from '../../logger.js';
import { citationsEvent, type AnswerEvent } from '../answer-events.js';
import { ASSUMED_PYTHON_NOTE, beforeSources } from '../assumed-python.js';
import { TRIAGE_NOTE } from '../report-triage.js';
import type { Answer, Citation, FallbackReason, Question } from '../types.js';
import { createAnswerChain, type AnswerChainOutput } from './answer-chain.js';
import { checkGrounding, UNSUPPORTED_FLAG } from './grounding-check.js';
import { createPromptTemplates } from './prompt-templates.js';
import type { LlmSetup } from './providers.js';
import { statusOf } from './retry.js';
import type { Retrieved } from './retrieved.js';

export interface LlmAnswererOptions {
  readonly llm: LlmSetup;
  /** The retrieve step: the extractive answer (the fallback) and its numbered sources. */
  readonly retrieve: (question: Question) => Promise<Retrieved>;
  readonly logger: Logger;
  /** Clock for the logged durations. */
  readonly now?: () => number;
}

export interface StreamOptions {
  /** The caller going away (a closed SSE connection) stops generation. */
  readonly signal?: AbortSignal | undefined;
}

/** Answers through the model, checks the grounding, and falls back to the extractive answer. */
export interface LlmAnswerer {
  /** `citations` (the sources given to the model), `delta`s as it writes, then `done`. */
  stream(question: Question, options?: StreamOptions): AsyncGenerator<AnswerEvent>;
}

/**
 * LLM mode. Every answer ends in a `done` event carrying the full answer: `mode: "llm"` when the
 * generated text passed the grounding check (citations filtered to the sources it cites, numbers
 * kept as in the text, a Sources list appended), else the extractive answer with `mode:
 * "extractive"` and a `fallbackReason`. Provider failures and timeouts are logged and fall back
 * too; only a failure of retrieval itself (a bug) is thrown.
 *
 * @example
 * const answerer = createLlmAnswerer({ llm, retrieve, logger });
 * for await (const event of answerer.stream({ question: 'why is my dict so big?' })) send(event);
 */
export function createLlmAnswerer(options: LlmAnswererOptions): LlmAnswerer {
  const { llm, logger } = options;
  const now = options.now ?? Date.now;
  const labels = { provider: llm.provider, model: llm.modelName };
  const chain = createAnswerChain({
    retrieve: options.retrieve,
    model: llm.model,
    templates: createPromptTemplates(llm.prompts),
    limits: llm.limits,
    onRetry: ({ attempt, delayMs, error }) =>
      logger.info('llm_retry', { ...labels, attempt, delayMs, status: statusOf(error), error: String(error) }),
  });
  return { stream: (question, streamOptions) => streamAnswer(question, streamOptions?.signal) };

  async function* streamAnswer(question: Question, callerSignal: AbortSignal | undefined): AsyncGenerator<AnswerEvent> {
    const started = now();
    const deadline = AbortSignal.timeout(llm.limits.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;
    let retrieved: Retrieved | undefined;
    let provided: readonly number[] = [];
    const text = new HeldBackText(UNSUPPORTED_FLAG);
    let failure: { reason: 'timeout' | 'provider_error'; error: unknown } | undefined;

    try {
      for await (const chunk of await chain.stream(question, { signal })) {
        const part = chunk as Partial<AnswerChainOutput>;
        if (part.extractive && part.sources && !retrieved) {
          retrieved = { question, extractive: part.extractive, sources: part.sources };
          yield citationsEvent(retrieved.extractive);
        }
        if (part.promptInput) provided = part.promptInput.sourceNumbers;
        if (part.text) {
          const delta = text.append(part.text);
          if (delta) yield { type: 'delta', text: delta };
        }
      }
      // Some clients end a stream quietly when aborted instead of throwing.
      if (deadline.aborted) failure = { reason: 'timeout', error: deadline.reason };
    } catch (error) {
      if (!retrieved) throw error;
      failure = { reason: deadline.aborted ? 'timeout' : 'provider_error', error };
    }
    if (!retrieved) throw new Error('The answer chain produced no retrieval.');
    if (callerSignal?.aborted) return;

    const elapsedMs = now() - started;
    if (retrieved.sources.length === 0) {
      yield { type: 'done', answer: fallback(retrieved.extractive, 'no_sources') };
      return;
    }
    if (failure) {
      logger.error('llm_failed', {
        ...labels,
        reason: failure.reason,
        status: statusOf(failure.error),
        error: String(failure.error),
        elapsedMs,
      });
      yield { type: 'done', answer: fallback(retrieved.extractive, failure.reason) };
      return;
    }
    const verdict = checkGrounding(text.full, provided);
    if (!verdict.grounded) {
      logger.info('llm_fallback', { ...labels, reason: verdict.reason, detail: verdict.detail, elapsedMs });
      yield { type: 'done', answer: fallback(retrieved.extractive, verdict.reason) };
      return;
    }
    const answer = groundedAnswer(retrieved.extractive, text.full, verdict.cited);
    logger.info('llm_answer', { ...labels, cited: verdict.cited, elapsedMs });
    yield { type: 'delta', text: answer.answer.slice(text.emitted.trimEnd().length) };
    yield { type: 'done', answer };
  }
}

/** `text` with the extractive answer's notes after it: a report no tip clearly matches, then the Python assumption. */
function notesAfter(text: string, extractive: Answer): string {
  const notes = [
    ...(extractive.triage ? [TRIAGE_NOTE] : []),
    ...(extractive.assumedPython ? [ASSUMED_PYTHON_NOTE] : []),
  ];
  return notes.reduce(beforeSources, text);
}

function fallback(extractive: Answer, reason: FallbackReason): Answer {
  return { ...extractive, mode: 'extractive', fallbackReason: reason };
}

/**
 * The LLM answer: its text plus a Sources list of what it cites. `citations` keeps the numbers the
 * text uses (so `[3]` in the text is the citation with `n: 3`) and lists only cited sources.
 */
function groundedAnswer(extractive: Answer, text: string, cited: readonly number[]): Answer {
  const citedSet = new Set(cited);
  const citations = extractive.citations.filter((c) => citedSet.has(c.n));
  const ids = new Set(citations.map((c) => c.id));
  const sources = citations.map((c) => `${c.n}. ${c.title} (${c.section}), ${c.source.file} ${lineRange(c)}`);
  return {
    ...extractive,
    // The model's text, then what the extractive answer says of a report no tip clearly matches
    // (after the text, which streams as the model writes it) and when it assumed Python, then the sources.
    answer: `${notesAfter(text.trim(), extractive)}\n\n**Sources**\n\n${sources.join('\n')}`,
    abstained: false,
    citations,
    examples: extractive.examples.filter((e) => ids.has(e.citation)),
    mode: 'llm',
  };
}

function lineRange({ source }: Citation): string {
  return source.lineStart === source.lineEnd
    ? `line ${source.lineStart}`
    : `lines ${source.lineStart}–${source.lineEnd}`;
}

/**
 * Accumulates streamed text, holding it back while it could still turn out to be the model's
 * UNSUPPORTED flag, so clients never see the flag flash by before the fallback replaces it.
 */
class HeldBackText {
  full = '';
  emitted = '';
  private decided: 'pass' | 'flag' | undefined;

  constructor(private readonly flag: string) {}

  /** Adds a chunk; returns what may be shown now ('' while holding back). */
  append(chunk: string): string {
    this.full += chunk;
    if (this.decided === 'flag') return '';
    if (this.decided === undefined) {
      const start = this.full.trimStart().replace(/^[*_`]+/, '');
      if (start.length < this.flag.length && this.flag.startsWith(start)) return '';
      this.decided = start.startsWith(this.flag) ? 'flag' : 'pass';
      if (this.decided === 'flag') return '';
      const shown = this.full.trimStart();
      this.emitted = shown;
      return shown;
    }
    this.emitted += chunk;
    return chunk;
  }
}
