import type { AnalysisResult, Finding } from '../analyze/types.js';
import type { Tip } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { LoadedIndex } from '../retrieval/load-retriever.js';
import { composeExtractiveAnswer } from './extractive-answer.js';
import type { ComposedAnswer } from './types.js';

/**
 * The tips to answer from when pasted code has findings: every unit a finding cites, first and in
 * the order of the findings (with its own retrieval score; the guidance tip it deepens when the
 * unit's file is not loaded), then the guidance tips those units deepen, then the tips retrieval
 * chose, up to `k` in all (more only when the findings cite more than `k` units: each finding's
 * unit is cited).
 *
 * @example
 * const tips = tipsForFindings(analysis.findings, allScored, retrievedIds, 3, index.knowledge.tips);
 */
export function tipsForFindings(
  findings: readonly Finding[],
  allScored: readonly ScoredTip[],
  retrieved: readonly string[],
  k: number,
  allTips: readonly Tip[] = [],
): ScoredTip[] {
  const byId = new Map(allScored.map((s) => [s.tip.id, s]));
  // A finding's tip may score nothing for this query; it is cited anyway, with score 0.
  for (const tip of allTips) if (!byId.has(tip.id)) byId.set(tip.id, unscored(tip));
  const chosen: ScoredTip[] = [];
  const add = (id: string) => {
    const scored = byId.get(id);
    if (scored && !chosen.includes(scored)) chosen.push(scored);
  };
  // The unit each finding cites (or, when its file is not loaded, the guidance tip it deepens).
  for (const finding of findings)
    add(byId.has(finding.citation.id) ? finding.citation.id : finding.citation.guidance.id);
  // Then the guidance tips those units deepen, so the user's guidance stays in the answer.
  for (const finding of findings) if (chosen.length < k) add(finding.citation.guidance.id);
  for (const id of retrieved) if (chosen.length < k) add(id);
  return chosen;
}

/**
 * Puts the findings first in the answer's markdown: one bullet per finding with its 1-based line,
 * its rule, its message and suggestion, and the `[n]` of the tip it cites; then the syntax errors.
 * Every sentence is a finding's or a syntax error's own text.
 */
export function prependFindings(answer: ComposedAnswer, analysis: AnalysisResult): ComposedAnswer {
  const marker = new Map(answer.citations.map((c) => [c.id, c.n]));
  const lines: string[] = [];
  if (analysis.findings.length > 0) {
    lines.push(
      `**In your code** (${analysis.findings.length} finding${analysis.findings.length === 1 ? '' : 's'}):`,
      '',
    );
    for (const f of analysis.findings) {
      const n = marker.get(f.citation.id);
      const fix = f.suggestion ? ` Fix: ${f.suggestion.replace(/\n/g, ' ')}` : '';
      lines.push(
        `- Line ${f.range.start.line + 1} (\`${f.rule}\`, ${f.severity}): ${f.message}${fix}${n ? ` [${n}]` : ''}`,
      );
    }
  }
  if (analysis.syntaxErrors.length > 0) {
    if (lines.length > 0) lines.push('');
    const errors = analysis.syntaxErrors.slice(0, 5).map((e) => `line ${e.range.start.line + 1} (${e.message})`);
    lines.push(`Syntax errors: ${errors.join('; ')}${analysis.syntaxErrors.length > 5 ? '; …' : ''}.`);
  }
  if (lines.length === 0) return answer;
  return { ...answer, answer: `${lines.join('\n')}\n\n${answer.answer}` };
}

/**
 * The extractive answer for a question with pasted code: the tips of the code's findings are
 * cited first (so a question like "why does this use so much RAM?" is answered from what the
 * code actually does), then what retrieval found, and the findings lead the markdown.
 */
export async function steerByFindings(
  index: LoadedIndex,
  query: string,
  composed: ComposedAnswer,
  analysis: AnalysisResult,
  k: number,
): Promise<ComposedAnswer> {
  if (analysis.findings.length === 0) return prependFindings(composed, analysis);
  const allScored = await index.retriever.search(query, index.knowledge.tips.length);
  const tips = tipsForFindings(
    analysis.findings,
    allScored,
    composed.citations.map((c) => c.id),
    k,
    index.knowledge.tips,
  );
  // Every finding's tip is cited whatever its retrieval score: the finding is the evidence.
  const steered = composeExtractiveAnswer(tips, { minScore: 0, relativeCutoff: 0, allTips: index.knowledge.tips });
  return prependFindings(steered, analysis);
}

/** A tip retrieval gave nothing for this query. */
function unscored(tip: Tip): ScoredTip {
  return { tip, score: 0, vectorScore: 0, lexicalScore: 0, coverage: 0, notCovered: 0 };
}
