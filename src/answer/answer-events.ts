import type { Coverage } from './confidence.js';
import type { Answer, Citation, RelatedTip } from './types.js';

/**
 * One step of a streamed answer, in this order: `citations` once (the sources the answer may cite,
 * with the answer's `coverage` and, for `coverage: "related"`, the `related` tips, so a client knows
 * from the start whether the guidance answers),
 * `delta`s of markdown text, then `done` once with the full answer, exactly what `POST /v1/ask`
 * returns. `done.answer.answer` is authoritative: in LLM mode a failed grounding check or provider
 * error replaces the streamed text with the extractive answer (`fallbackReason` says why).
 */
export type AnswerEvent =
  | {
      readonly type: 'citations';
      readonly citations: readonly Citation[];
      readonly coverage?: Coverage;
      readonly related?: readonly RelatedTip[];
    }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'done'; readonly answer: Answer };

/** The `citations` event that opens the stream of `answer` (the extractive answer in LLM mode). */
export function citationsEvent(
  answer: Pick<Answer, 'citations' | 'coverage' | 'related'>,
): Extract<AnswerEvent, { type: 'citations' }> {
  return {
    type: 'citations',
    citations: answer.citations,
    ...(answer.coverage ? { coverage: answer.coverage } : {}),
    ...(answer.related?.length ? { related: answer.related } : {}),
  };
}
