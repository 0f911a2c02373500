import type { Answer, Citation } from '../../answer/types.js';
import { isLowConfidence, LOW_CONFIDENCE_TEXT } from '../chat/answer-text.js';

/** What this service adds to OpenAI's response, under `pymem` (the `/v1/ask` fields that are not the text). */
export interface PymemAnswerMeta {
  /** For `POST /v1/feedback`. */
  readonly answerId: string;
  readonly abstained: boolean;
  readonly confidence: Answer['confidence'];
  readonly abstainReason?: Answer['abstainReason'];
  /** `answer`, `related` (the text lists related tips, which `related` repeats) or `none`. */
  readonly coverage?: Answer['coverage'];
  readonly related?: Answer['related'];
  readonly mode?: Answer['mode'];
  readonly followUp?: Answer['followUp'];
  readonly assumedPython?: Answer['assumedPython'];
  readonly triage?: Answer['triage'];
}

export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly system_fingerprint: string;
  readonly choices: readonly [
    {
      readonly index: 0;
      readonly message: { readonly role: 'assistant'; readonly content: string; readonly refusal: null };
      readonly logprobs: null;
      readonly finish_reason: 'stop';
    },
  ];
  readonly usage: Usage;
  /** The tips the answer cites, numbered as in its text (an extension, like Perplexity's `citations`). */
  readonly citations: readonly Citation[];
  readonly pymem: PymemAnswerMeta;
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** One completion's identity: the same on every chunk of a stream. */
export interface CompletionIdentity {
  readonly id: string;
  readonly created: number;
  /** `fp_` and the start of the knowledge hash: changes when the guidance does. */
  readonly systemFingerprint: string;
}

/** Appended to an answer marked `low` confidence, so chat clients show it as such. */
export const LOW_CONFIDENCE_NOTE = `> **Low confidence:** ${LOW_CONFIDENCE_TEXT}`;

/**
 * A new completion id and timestamp.
 *
 * @example const identity = newCompletion(assistant.manifest.knowledgeHash, Date.now());
 */
export function newCompletion(knowledgeHash: string, nowMs: number): CompletionIdentity {
  return {
    id: `chatcmpl-${crypto.randomUUID()}`,
    created: Math.floor(nowMs / 1000),
    systemFingerprint: `fp_${knowledgeHash.slice(0, 12)}`,
  };
}

/**
 * The message text of an answer: its markdown (which ends in the numbered **Sources**), and the
 * {@link LOW_CONFIDENCE_NOTE} after it when it is a `low`-confidence answer (not an abstention).
 */
export function answerContent(answer: Answer): string {
  return isLowConfidence(answer) ? `${answer.answer}\n\n${LOW_CONFIDENCE_NOTE}` : answer.answer;
}

/** The `pymem` extension of a response. */
export function answerMeta(answer: Answer): PymemAnswerMeta {
  return {
    answerId: answer.answerId,
    abstained: answer.abstained,
    confidence: answer.confidence,
    ...(answer.abstainReason ? { abstainReason: answer.abstainReason } : {}),
    ...(answer.coverage ? { coverage: answer.coverage } : {}),
    ...(answer.related?.length ? { related: answer.related } : {}),
    ...(answer.mode ? { mode: answer.mode } : {}),
    ...(answer.followUp ? { followUp: answer.followUp } : {}),
    ...(answer.assumedPython ? { assumedPython: answer.assumedPython } : {}),
    ...(answer.triage ? { triage: answer.triage } : {}),
  };
}

/**
 * The `chat.completion` response for an answer.
 *
 * @example
 * return c.json(chatCompletion(newCompletion(hash, Date.now()), answer, estimateTokens(promptText)));
 */
export function chatCompletion(identity: CompletionIdentity, answer: Answer, promptTokens: number): ChatCompletion {
  const content = answerContent(answer);
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: MODEL_ID,
    system_fingerprint: identity.systemFingerprint,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: usage(promptTokens, estimateTokens(content)),
    citations: answer.citations,
    pymem: answerMeta(answer),
  };
}

export function usage(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/**
 * Token counts are estimates (no tokenizer is involved): one token per four characters, the usual
 * rule of thumb for English text with OpenAI's tokenizers.
 *
 * @example estimateTokens('how do I find a leak?') // 6
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The one model this service offers through the OpenAI-compatible API: the guidance, answered. */
export const MODEL_ID = 'pymem-assistant';

/** `created` of the model object (Unix seconds): the day the OpenAI-compatible API was added, fixed so it never changes. */
const MODEL_CREATED = 1_795_478_400; // 2026-11-24T00:00:00Z

/** A model as `GET /v1/models` lists it. */
export interface ModelObject {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
}

/** The model object of {@link MODEL_ID}. */
export function modelObject(): ModelObject {
  return { id: MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'pymem-assistant' };
}
