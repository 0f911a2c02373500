import type { Tip } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { AnswerExample, Citation, ComposedAnswer } from './types.js';

export interface ExtractiveAnswerOptions {
  /** Below this fused score no tip counts as relevant and the answer abstains. */
  readonly minScore: number;
  /** A further tip is cited only if it scores at least this share of the best one. */
  readonly relativeCutoff: number;
  /** Every tip the knowledge has, to say what is covered when abstaining. */
  readonly allTips: readonly Tip[];
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
  const best = scored[0]?.score ?? 0;
  // The user's guidance stays first: its tips are cited before other files' (stable: scores order each group).
  const relevant = scored
    .filter((s) => s.score >= options.minScore && s.score >= best * options.relativeCutoff)
    .sort((a, b) => Number(b.tip.primary === true) - Number(a.tip.primary === true));
  if (relevant.length === 0) return abstention(options.allTips);

  const citations: Citation[] = relevant.map(({ tip, score }, i) => ({
    n: i + 1,
    id: tip.id,
    title: tip.title,
    section: tip.section,
    score,
    source: tip.source,
  }));
  const examples: AnswerExample[] = relevant.flatMap(({ tip }) =>
    tip.examples.map((e) => ({ language: e.language, code: e.code, citation: tip.id })),
  );
  return { answer: renderMarkdown(relevant.map((s) => s.tip)), abstained: false, citations, examples };
}

function renderMarkdown(tips: readonly Tip[]): string {
  const sections = [...new Set(tips.map((t) => t.section))];
  const lead =
    tips.length === 1
      ? `The guidance covers this under **${sections[0]}**:`
      : `The guidance has ${tips.length} tips on this, from ${sections.map((s) => `**${s}**`).join(', ')}:`;
  const bullets = tips.map((tip, i) => `- **${tip.title}**: ${tip.text} [${i + 1}]`);
  const code = tips.flatMap((tip, i) =>
    tip.examples.map((e) => `Example for **${tip.title}** [${i + 1}]:\n\n\`\`\`${e.language}\n${e.code}\n\`\`\``),
  );
  const sources = tips.map(
    (tip, i) =>
      `${i + 1}. ${tip.title} (${tip.section}), ${tip.source.file} ${lineRange(tip)}`,
  );
  return [lead, bullets.join('\n'), ...code, `**Sources**\n\n${sources.join('\n')}`].join('\n\n');
}

function abstention(allTips: readonly Tip[]): ComposedAnswer {
  const sections = [...new Set(allTips.map((t) => t.section))];
  const answer = [
    "The guidance I answer from doesn't cover this question, so I won't guess.",
    `It covers Python memory topics: ${sections.join('; ')}.`,
  ].join(' ');
  return { answer, abstained: true, citations: [], examples: [] };
}

function lineRange({ source }: Tip): string {
  return source.lineStart === source.lineEnd
    ? `line ${source.lineStart}`
    : `lines ${source.lineStart}–${source.lineEnd}`;
}
