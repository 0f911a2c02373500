import type { Answer, Citation } from './types.js';

/**
 * One step of a streamed answer, in this order: `citations` once (the sources the answer may cite),
 * `delta`s of markdown text, then `done` once with the full answer, exactly what `POST /v1/ask`
 * returns. `done.answer.answer` is authoritative: in LLM mode a failed grounding check or provider
 * error replaces the streamed text with the extractive answer (`fallbackReason` says why).
 */
export type AnswerEvent =
  | { readonly type: 'citations'; readonly citations: readonly Citation[] }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'done'; readonly answer: Answer };
