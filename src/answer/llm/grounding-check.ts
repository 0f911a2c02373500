import { marked, type Token } from 'marked';

/** The word the prompts tell the model to answer with when the sources do not support an answer. */
export const UNSUPPORTED_FLAG = 'UNSUPPORTED';
const OPENS_WITH_FLAG = new RegExp(`^\\**${UNSUPPORTED_FLAG}\\b`);

/** Why a generated answer was not used (see {@link checkGrounding}). */
export type GroundingFailure = 'empty_answer' | 'unsupported' | 'no_citations' | 'unknown_citation';

export type GroundingVerdict =
  | { readonly grounded: true; readonly cited: readonly number[] }
  | { readonly grounded: false; readonly reason: GroundingFailure; readonly detail: string };

// [1], [1][2], [1, 2] and [1,2,3]; a number list inside one pair of brackets counts as a citation.
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Checks a generated answer against the sources it was given. It is grounded when it is not the
 * model's UNSUPPORTED flag, cites at least one source, and every `[n]` it writes is the number of a
 * source that was in the prompt. Markers inside code (fenced or inline, e.g. `items[1]`) are code,
 * not citations, and are ignored.
 *
 * @example
 * checkGrounding('Use `str.join()` [1].', [1, 2]); // { grounded: true, cited: [1] }
 * checkGrounding('Use a pool [7].', [1, 2]);       // { grounded: false, reason: 'unknown_citation', … }
 */
export function checkGrounding(answer: string, provided: readonly number[]): GroundingVerdict {
  const text = answer.trim();
  if (text === '') return { grounded: false, reason: 'empty_answer', detail: 'The model returned no text.' };
  if (isUnsupportedFlag(text)) {
    return { grounded: false, reason: 'unsupported', detail: 'The model said the sources do not support an answer.' };
  }
  const cited = citationMarkers(text);
  if (cited.length === 0) return { grounded: false, reason: 'no_citations', detail: 'The answer cites no source.' };
  const known = new Set(provided);
  const unknown = cited.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const given = provided.length > 0 ? `[1]..[${Math.max(...provided)}]` : 'none';
    return {
      grounded: false,
      reason: 'unknown_citation',
      detail: `The answer cites ${unknown.map((n) => `[${n}]`).join(', ')}, but the sources given were ${given}.`,
    };
  }
  return { grounded: true, cited };
}

/** The flag alone, or opening the answer ("UNSUPPORTED." / "UNSUPPORTED: …"), or alone on a line. */
export function isUnsupportedFlag(text: string): boolean {
  const trimmed = text.trim();
  if (OPENS_WITH_FLAG.test(trimmed)) return true;
  return trimmed.split('\n').some((line) => line.trim().replace(/[*_.`]/g, '') === UNSUPPORTED_FLAG);
}

/** Every distinct `[n]` in the prose of a markdown answer (not in its code), in order of appearance. */
export function citationMarkers(markdown: string): number[] {
  const seen = new Set<number>();
  for (const prose of proseTexts(marked.lexer(markdown))) {
    for (const match of prose.matchAll(MARKER)) {
      for (const n of (match[1] ?? '').split(',')) seen.add(Number(n.trim()));
    }
  }
  return [...seen];
}

// Leaf text tokens are exactly the prose: code blocks and code spans are tokens of their own.
function proseTexts(tokens: Token[]): string[] {
  const texts: string[] = [];
  // The callback is synchronous: the promises marked would return for async extensions are none here.
  void marked.walkTokens(tokens, (token) => {
    if (token.type === 'text' && !('tokens' in token && token.tokens)) texts.push(token.text as string);
  });
  return texts;
}
