import { Lexer, type Token, type Tokens } from 'marked';
import type { AnalysisResult, Range } from '../../analyze/types.js';
import { prependFindings } from '../../answer/findings-in-answer.js';
import type { Answer } from '../../answer/types.js';
import type { TipSource } from '../../knowledge/types.js';

/**
 * The answer's markdown as top-level tokens, without its trailing "**Sources**" list: chat
 * integrations show the citations natively (a Slack context block, Discord embed fields).
 *
 * @example
 * const tokens = answerBodyTokens(answer.answer); // lead, bullets, examples
 */
export function answerBodyTokens(markdown: string): Token[] {
  const tokens = new Lexer({ gfm: true }).lex(markdown).filter((t) => t.type !== 'space');
  const at = tokens.findIndex(isSourcesHeading);
  if (at < 0) return tokens;
  const end = tokens[at + 1]?.type === 'list' ? at + 2 : at + 1;
  return [...tokens.slice(0, at), ...tokens.slice(end)];
}

function isSourcesHeading(token: Token): boolean {
  const text = token.type === 'paragraph' || token.type === 'heading' ? (token as Tokens.Paragraph).text : '';
  return /^(\*\*|__)?sources:?(\*\*|__)?:?$/i.test(text.trim());
}

// What every channel says about how far the guidance answers a question: a `low`-confidence
// answer, a question it does not cover (and why), a question only related tips touch.

/** What every channel says about an answer of `low` confidence (Slack, Discord, the OpenAI-compatible API). */
export const LOW_CONFIDENCE_TEXT =
  'the guidance matches this question only weakly, so this may not answer it. Check the sources before relying on it.';

/**
 * Whether an answer is shown as low-confidence: answered (an abstention says so already) with
 * `confidence: "low"`.
 *
 * @example if (isLowConfidence(answer)) blocks.unshift(lowConfidenceBlock());
 */
export function isLowConfidence(answer: Pick<Answer, 'abstained' | 'confidence'>): boolean {
  return !answer.abstained && answer.confidence === 'low';
}

/** Above the related tips of a `coverage: "related"` answer (they are not the answer). */
export const RELATED_TEXT = 'Related, not an answer';

/**
 * A short heading for an answer, as chat channels title it: what the guidance says, or why it
 * does not answer (another runtime, no memory angle, only related tips).
 *
 * @example coverageHeading({ abstained: true, abstainReason: 'other_runtime', confidence: 'low' }) // 'Not covered: not about Python memory'
 */
export function coverageHeading(
  answer: Pick<Answer, 'abstained' | 'confidence' | 'abstainReason' | 'coverage'>,
): string {
  if (answer.coverage === 'related') return 'Not covered by the guidance: related tips';
  if (answer.abstained) {
    if (answer.abstainReason === 'other_runtime') return 'Not covered: not about Python memory';
    if (answer.abstainReason === 'not_memory') return 'Not covered: not a memory question';
    return 'Not covered by the guidance';
  }
  return isLowConfidence(answer) ? 'Low confidence: possibly related guidance' : 'From the Python memory guidance';
}

/**
 * The answer's markdown without the findings the answerer put at its top: chat integrations show
 * the findings as their own block (icons, lines, tip names), so they are not listed twice. The
 * prefix is recomputed with the answerer's own `prependFindings`, so only that exact text is
 * removed; an answer that does not start with it (an LLM's own wording) is kept whole.
 *
 * @example
 * const body = answerWithoutFindings(reply.answer, reply.analysis);
 */
export function answerWithoutFindings(answer: Answer, analysis: AnalysisResult | undefined): string {
  if (!analysis) return answer.answer;
  const prefix = prependFindings({ ...answer, answer: '' }, analysis).answer;
  return prefix && answer.answer.startsWith(prefix) ? answer.answer.slice(prefix.length) : answer.answer;
}

/**
 * Where a cited (or related) tip is in the guidance, for a sources line: `python-memory-guidance.md lines 78–82`.
 */
export function citationLocation(citation: { readonly source: TipSource }): string {
  const { file, lineStart, lineEnd } = citation.source;
  return lineStart === lineEnd ? `${file} line ${lineStart}` : `${file} lines ${lineStart}–${lineEnd}`;
}

/** Most findings a chat message lists; the rest are counted ("and 4 more"). */
export const MAX_FINDINGS_SHOWN = 20;

/**
 * The 1-based line label of an analyzer range (0-based, end exclusive): `line 3` or `lines 3–5`.
 *
 * @example findingLines({ start: { line: 2, character: 4 }, end: { line: 2, character: 9 } }) // 'line 3'
 */
export function findingLines(range: Range): string {
  const first = range.start.line + 1;
  const endsAtLineStart = range.end.character === 0 && range.end.line > range.start.line;
  const last = Math.max(first, endsAtLineStart ? range.end.line : range.end.line + 1);
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** The heading over an analysis: `2 findings in your code`, or that the code does not parse. */
export function analysisTitle({ findings, syntaxErrors }: AnalysisResult): string {
  if (findings.length === 1) return '1 finding in your code';
  if (findings.length > 1) return `${findings.length} findings in your code`;
  if (syntaxErrors.length > 0) return 'No memory anti-patterns found, but part of your code does not parse';
  return 'No memory anti-patterns found in your code';
}
