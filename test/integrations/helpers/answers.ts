import type { Answer, Citation } from '../../../src/answer/types.js';

/** A cited tip as the answerer produces it. */
export function citation(n: number, title = `Tip ${n}`): Citation {
  return {
    n,
    id: `section--tip-${n}`,
    title,
    section: 'Some Section',
    score: 0.5,
    source: { file: 'python-memory-guidance.md', lineStart: 10 * n, lineEnd: 10 * n + 4 },
  };
}

/** An answer of the answerer's shape, long enough to test platform limits (as LLM answers can be). */
export function longAnswer(
  options: { paragraphs?: number; codeLines?: number; codeBlocks?: number; citations?: number } = {},
): Answer {
  const paragraphs = Array.from(
    { length: options.paragraphs ?? 12 },
    (_, i) => `- **Point ${i}**: ${'Memory matters & <care> is needed. '.repeat(25)}[1]`,
  );
  const code = Array.from(
    { length: options.codeBlocks ?? 1 },
    (_, b) =>
      `Example ${b}:\n\n\`\`\`python\n${Array.from({ length: options.codeLines ?? 150 }, (_, i) => `value_${i} = compute(${i})  # block ${b}`).join('\n')}\n\`\`\``,
  );
  const cites = Array.from({ length: options.citations ?? 3 }, (_, i) => citation(i + 1));
  const sources = cites.map(
    (c) => `${c.n}. ${c.title} (${c.section}), ${c.source.file} lines ${c.source.lineStart}–${c.source.lineEnd}`,
  );
  return {
    answerId: '00000000-0000-4000-8000-000000000000',
    answer: [
      'The guidance has a lot to say:',
      paragraphs.join('\n'),
      ...code,
      `**Sources**\n\n${sources.join('\n')}`,
    ].join('\n\n'),
    abstained: false,
    citations: cites,
    examples: [],
  };
}
