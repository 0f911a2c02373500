import type { Tip } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { RuntimeEvidence } from '../retrieval/scope.js';
import { tokenize } from '../retrieval/tokenize.js';
import type { AbstainReason } from './confidence.js';
import type { AnswerExample, Citation, ComposedAnswer, RelatedTip } from './types.js';

export interface CitationOptions {
  /** Below this fused score no tip counts as relevant and the answer abstains. */
  readonly minScore: number;
  /** A further tip is cited only if it scores at least this share of the best one… */
  readonly relativeCutoff: number;
  /** …and accounts for at least this share of the question's words the tips cited before it do not (see {@link novelty}). */
  readonly minNovelty?: number;
  /** Most tips to cite. */
  readonly k?: number;
}

export interface ExtractiveAnswerOptions extends CitationOptions {
  /** Every tip the knowledge has, to say what is covered when abstaining. */
  readonly allTips: readonly Tip[];
  /** The question (and pasted code): a further cited tip shows its example code only when the example shares a word with it. */
  readonly question?: string;
}

/**
 * Composes a grounded markdown answer out of the retrieved tips' own words: a one-line lead, each
 * tip's guidance with its `[n]` marker, the tips' example code, and the sources. Nothing is said
 * that no cited tip says; when nothing is relevant enough it abstains.
 *
 * @example
 * const answer = composeExtractiveAnswer(await retriever.search(question, 3), options);
 */
export function composeExtractiveAnswer(scored: readonly ScoredTip[], options: ExtractiveAnswerOptions): ComposedAnswer {
  const cited = selectCitations(scored, options);
  if (cited.length === 0) return abstention('low_similarity', options.allTips);
  return renderAnswer(cited, options.question);
}

/**
 * The tips worth citing, best first: the best one when it reaches `minScore`, then each further
 * one (up to `k`) that is relevant on its own: it scores at least `relativeCutoff` of the best
 * score, and explains at least `minNovelty` of the question's words that the tips already cited
 * do not. `k` is a maximum, never a quota.
 *
 * @example selectCitations(ranked, { minScore: 0.3, relativeCutoff: 0.6, minNovelty: 0.1, k: 3 })
 */
export function selectCitations(ranked: readonly ScoredTip[], options: CitationOptions): ScoredTip[] {
  const best = ranked[0];
  if (!best || best.score < options.minScore) return [];
  const cited: ScoredTip[] = [best];
  const k = options.k ?? ranked.length;
  for (const candidate of ranked.slice(1)) {
    if (cited.length >= k) break;
    if (candidate.score < options.minScore || candidate.score < best.score * options.relativeCutoff) continue;
    if (novelty(candidate, cited) >= (options.minNovelty ?? 0)) cited.push(candidate);
  }
  return cited;
}

/**
 * The share of the question's words (weighted by rarity) that `candidate` accounts for beyond
 * what the `cited` tips already account for: 0 when it explains the same words again, up to 1
 * when it explains everything they do not. Without word matches (no coverage signal) it is 1.
 *
 * @example novelty(chunkingTip, [stringConcatenationTip]) // ≈ 0.05 for "how do I build a big string?"
 */
export function novelty(candidate: ScoredTip, cited: readonly ScoredTip[]): number {
  const own = candidate.words;
  if (!own || own.weights.length === 0) return 1;
  let total = 0;
  let added = 0;
  for (let i = 0; i < own.weights.length; i++) {
    const weight = own.weights[i] ?? 0;
    const already = Math.max(0, ...cited.map((c) => c.words?.matches[i] ?? 0));
    total += weight;
    added += weight * Math.max(0, (own.matches[i] ?? 0) - already);
  }
  return total === 0 ? 1 : added / total;
}

/**
 * The answer citing `cited` (best first): the lead, each tip's text with its marker, the example
 * code that fits the question, and the sources. The first tip's examples always show (it is the
 * answer); a further tip's examples show only when they share a word with the question, so a
 * supporting citation does not bring code about something else.
 */
export function renderAnswer(ranked: readonly ScoredTip[], question?: string): ComposedAnswer {
  // The user's guidance stays first: its tips are cited before other files' (stable: scores order each group).
  const cited = [...ranked].sort((a, b) => Number(b.tip.primary === true) - Number(a.tip.primary === true));
  const tips = cited.map((s) => s.tip);
  const citations: Citation[] = cited.map(({ tip, score }, i) => ({
    n: i + 1,
    id: tip.id,
    title: tip.title,
    section: tip.section,
    score,
    source: tip.source,
  }));
  const questionTerms = question === undefined ? undefined : new Set(tokenize(question));
  const shown = tips.map((tip, i) => (i === 0 || !questionTerms ? tip.examples : tip.examples.filter((e) => tokenize(e.code).some((t) => questionTerms.has(t)))));
  const examples: AnswerExample[] = tips.flatMap((tip, i) => (shown[i] ?? []).map((e) => ({ language: e.language, code: e.code, citation: tip.id })));
  return { answer: renderMarkdown(tips, shown), abstained: false, citations, examples, coverage: 'answer' };
}

function renderMarkdown(tips: readonly Tip[], shown: readonly (readonly Tip['examples'][number][])[]): string {
  const sections = [...new Set(tips.map((t) => t.section))];
  const lead =
    tips.length === 1
      ? `The guidance covers this under **${sections[0]}**:`
      : `The guidance has ${tips.length} tips on this, from ${sections.map((s) => `**${s}**`).join(', ')}:`;
  const bullets = tips.map((tip, i) => `- **${tip.title}**: ${tip.text} [${i + 1}]`);
  const code = tips.flatMap((tip, i) =>
    (shown[i] ?? []).map((e) => `Example for **${tip.title}** [${i + 1}]:\n\n\`\`\`${e.language}\n${e.code}\n\`\`\``),
  );
  const sources = tips.map((tip, i) => `${i + 1}. ${tip.title} (${tip.section}), ${tip.source.file} ${lineRange(tip)}`);
  return [lead, bullets.join('\n'), ...code, `**Sources**\n\n${sources.join('\n')}`].join('\n\n');
}

/**
 * The answer to a Python memory question the guidance has no tip for: it says so, and lists the
 * related tips (at most two) as related, not as the answer. It is an abstention
 * (`abstained: true`, nothing cited), so clients that only know abstentions stay right.
 */
export function relatedAnswer(related: readonly ScoredTip[], allTips: readonly Tip[]): ComposedAnswer {
  if (related.length === 0) return abstention('low_similarity', allTips);
  const listed: RelatedTip[] = related.map(({ tip, score }) => ({ id: tip.id, title: tip.title, section: tip.section, score, source: tip.source }));
  const lines = related.map(({ tip }) => `- **${tip.title}** (${tip.section}, ${tip.source.file} ${lineRange(tip)}): ${tip.text}`);
  const answer = [
    "The guidance I answer from doesn't cover this question, so I won't guess an answer.",
    `${related.length === 1 ? 'This tip is' : 'These tips are'} on a related topic (related, not an answer to your question):`,
    lines.join('\n'),
    `The guidance covers: ${sectionsOf(allTips).join('; ')}.`,
  ].join('\n\n');
  return { answer, abstained: true, citations: [], examples: [], coverage: 'related', related: listed, abstainReason: 'low_similarity', confidence: 'low' };
}

/**
 * The abstention for `reason`: why the guidance does not answer, and what it covers. Every text
 * says the guidance "doesn't cover this question".
 *
 * @example abstention('other_runtime', tips, { id: 'jvm', label: 'Java and the JVM', score: 6, cues: ['-Xmx'] })
 */
export function abstention(reason: Exclude<AbstainReason, 'empty_question'>, allTips: readonly Tip[], runtime?: RuntimeEvidence): ComposedAnswer {
  const covers = `It covers Python memory topics: ${sectionsOf(allTips).join('; ')}.`;
  const why: Record<typeof reason, string> = {
    out_of_scope: "The guidance I answer from doesn't cover this question, so I won't guess.",
    low_similarity: "The guidance I answer from doesn't cover this question, so I won't guess.",
    other_runtime: `This looks like a question about ${runtime?.label ?? 'another runtime or language'}, not about memory in Python (CPython): the guidance I answer from doesn't cover this question, so I won't guess.`,
    not_memory: "This looks like a Python question without a memory angle (memory use, leaks, resources or object lifetime): the guidance I answer from doesn't cover this question, so I won't guess.",
  };
  return { answer: `${why[reason]} ${covers}`, abstained: true, citations: [], examples: [], coverage: 'none', abstainReason: reason, confidence: 'low' };
}

function sectionsOf(allTips: readonly Tip[]): string[] {
  return [...new Set(allTips.map((t) => t.section))];
}

function lineRange({ source }: Tip): string {
  return source.lineStart === source.lineEnd ? `line ${source.lineStart}` : `lines ${source.lineStart}–${source.lineEnd}`;
}
