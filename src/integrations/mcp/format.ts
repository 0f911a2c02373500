import type { AnalysisResult } from '../../analyze/types.js';
import type { Tip } from '../../knowledge/types.js';
import type { ScoredTip } from '../../retrieval/hybrid-retriever.js';

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

/** A whole tip as markdown: title, section, guidance, examples, source lines. */
export function tipMarkdown(tip: Tip): string {
  return [
    `# ${tip.title}`,
    `*${tip.section}*`,
    tip.text,
    ...tip.examples.map((e) => fence(e.language, e.code)),
    `Source: ${tip.source.file}, lines ${tip.source.lineStart}–${tip.source.lineEnd} (\`tip://${tip.id}\`)`,
  ].join('\n\n');
}

/** Search results as a markdown list, best first, each with its score and resource URI. */
export function searchMarkdown(query: string, results: readonly ScoredTip[]): string {
  if (results.length === 0) return `No tip matches "${query}".`;
  const items = results.map(
    ({ tip, score }, i) =>
      `${i + 1}. **${tip.title}** (${tip.section}), score ${score.toFixed(2)} — \`tip://${tip.id}\`\n   ${tip.text}`,
  );
  return `Tips for "${query}", best first:\n\n${items.join('\n')}`;
}

/** Findings as `line:col` lines with their tip (1-based for people), then syntax errors. */
export function analysisMarkdown(result: AnalysisResult): string {
  const lines: string[] = [];
  if (result.findings.length === 0) lines.push('No memory anti-patterns found.');
  for (const f of result.findings) {
    const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(
      `- line ${at} ${f.severity} \`${f.rule}\`: ${f.message} See **${f.citation.title}** (\`tip://${f.citation.id}\`).`,
    );
    if (f.suggestion) lines.push(`  Suggestion: ${f.suggestion}`);
  }
  for (const e of result.syntaxErrors) {
    lines.push(`- line ${e.range.start.line + 1}:${e.range.start.character + 1} syntax error: ${e.message}`);
  }
  return lines.join('\n');
}
