import type { FacetKind, TipExample } from '../../knowledge/types.js';
import type { FollowUp } from '../types.js';
import { FACET_LABELS } from '../extractive-answer.js';
import type { PromptInput } from './prompt-templates.js';
import type { NumberedSource, Retrieved } from './retrieved.js';

/**
 * Prompt size is estimated, not tokenized (no tokenizer fits every provider, and the usual ones
 * download their tables at run time). Three characters per token over-counts for English and
 * Python, so a prompt under the estimate is under the real limit.
 */
export const CHARS_PER_TOKEN = 3;

export interface PromptBudget {
  readonly maxPromptTokens: number;
  /** Characters of fixed prompt text (system prompt and template). */
  readonly fixedChars: number;
}

// The tags the prompts use to fence data. A user who types one of them must not be able to close
// the fence and write outside it, so any occurrence inside data loses its `<`.
const FENCE_TAG = /<(?=\s*\/?\s*(?:sources|source|question|snippet|findings)\b)/gi;

/** Neutralizes the prompt's delimiter tags inside data: `</question>` becomes `&lt;/question>`. */
export function neutralizeFences(text: string): string {
  return text.replace(FENCE_TAG, '&lt;');
}

/** What the question asks for, as the prompt says it (`{{facet}}`). */
const FACET_ASKS: Readonly<Record<FacetKind, string>> = {
  why: 'why: answer from the Why paragraphs (the mechanism)',
  how: 'how: answer from the How paragraphs, with their example code',
  measure: 'how much: answer from the Measure paragraphs (the numbers and how to see them)',
  caveats: 'when not to: answer from the Caveats paragraphs',
};

/**
 * The "format sources" step: numbers each retrieved tip as a `<source n="…">` block with its text
 * and example code, fences the user's question and code as data, and keeps the whole prompt
 * within `maxPromptTokens` (estimated): the question is kept whole (its length is bounded by the
 * API), then sources best first (the first always), then as much of the pasted code as still fits,
 * cut at a line boundary with a note saying so.
 *
 * @example
 * const input = formatPromptInput(retrieved, { maxPromptTokens: 8000, fixedChars: templates.fixedChars });
 */
export function formatPromptInput(retrieved: Retrieved, budget: PromptBudget): PromptInput {
  // A follow-up ("why?") is given with what it asks together with the earlier questions.
  const question = neutralizeFences(
    questionInContext(retrieved.question.question.trim(), retrieved.extractive.followUp),
  );
  let remaining = budget.maxPromptTokens * CHARS_PER_TOKEN - budget.fixedChars - question.length;

  const blocks: string[] = [];
  const sourceNumbers: number[] = [];
  for (const source of retrieved.sources) {
    const block = formatSource(source);
    if (blocks.length > 0 && block.length + 2 > remaining) break;
    blocks.push(block);
    sourceNumbers.push(source.n);
    remaining -= block.length + 2;
  }

  const findings = formatFindings(retrieved, sourceNumbers);
  const { snippet, snippetNote } = fitSnippet(retrieved.question.snippet ?? '', remaining - findings.length);
  const facet = retrieved.extractive.facet
    ? FACET_ASKS[retrieved.extractive.facet]
    : 'nothing in particular: the short text and the paragraph that fits best';
  return {
    sources: blocks.join('\n\n'),
    sourceCount: blocks.length,
    sourceNumbers,
    question,
    snippet,
    snippetNote,
    findings,
    facet,
  };
}

// The analyzer's findings in the pasted code, each with the number of the source that explains it;
// a finding whose tip did not make it into the prompt cannot be cited, so it is left out.
function formatFindings({ extractive, sources }: Retrieved, provided: readonly number[]): string {
  const numberOf = new Map(sources.filter((s) => provided.includes(s.n)).map((s) => [s.tip.id, s.n]));
  const lines = (extractive.findings ?? []).flatMap((f) => {
    const n = numberOf.get(f.citation.id);
    return n === undefined ? [] : [`- line ${f.range.start.line + 1} (${f.rule}): ${f.message} [${n}]`];
  });
  return lines.length > 0 ? neutralizeFences(lines.join('\n')) : '(none)';
}

/**
 * One numbered source: the unit's short text and its own examples, then each facet as a labelled
 * paragraph (`Why:`, `How:`, `Measure:`, `Caveats:`) followed by the examples that illustrate it,
 * with what they print. Everything a source holds is the knowledge's own words.
 */
function formatSource({ n, tip }: NumberedSource): string {
  const attr = (s: string) => s.replaceAll('"', '&quot;');
  const example = (e: TipExample) => {
    const code = `Example${e.facet ? ` (${e.facet})` : ''}:\n\`\`\`${e.language}\n${e.code}\n\`\`\``;
    return e.output === undefined ? code : `${code}\nIt prints:\n\`\`\`text\n${e.output}\n\`\`\``;
  };
  const own = tip.examples.filter((e) => !e.facet).map(example);
  const facets = tip.facets.flatMap((f, i) => {
    // A facet's examples follow it (once, when a unit has two facets of a kind).
    const first = tip.facets.findIndex((g) => g.kind === f.kind) === i;
    const shown = first ? tip.examples.filter((e) => e.facet === f.kind).map(example) : [];
    return [`${FACET_LABELS[f.kind]}: ${f.text}`, ...shown];
  });
  const body = neutralizeFences([tip.text, ...own, ...facets].join('\n\n'));
  return `<source n="${n}" title="${attr(tip.title)}" section="${attr(tip.section)}">\n${body}\n</source>`;
}

function fitSnippet(raw: string, budgetChars: number): Pick<PromptInput, 'snippet' | 'snippetNote'> {
  const code = neutralizeFences(raw.replace(/\s+$/, ''));
  if (code.trim() === '') return { snippet: '', snippetNote: '' };
  if (code.length <= budgetChars) return { snippet: code, snippetNote: '' };
  const lines = code.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budgetChars) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0) return { snippet: '', snippetNote: '' };
  return {
    snippet: kept.join('\n'),
    snippetNote: `\nThe code was too long for this prompt: only its first ${kept.length} of ${lines.length} lines are shown.`,
  };
}

/**
 * A follow-up as a model should read it: the question, and what it asks together with the
 * earlier questions (the text retrieval searched), since "why?" alone means nothing to a model
 * that has not seen the conversation.
 *
 * @example
 * questionInContext('why?', { rule: 'elliptical', searchedFor: 'are tuples smaller than lists?' })
 * // 'why?\n\n(A follow-up: read with the earlier questions it asks about "are tuples smaller than lists?")'
 */
export function questionInContext(question: string, followUp: FollowUp | undefined): string {
  if (!followUp) return question;
  const together = followUp.searchedFor.replace(/\s+/g, ' ').trim();
  return `${question}\n\n(A follow-up: read with the earlier questions it asks about "${together}")`;
}
