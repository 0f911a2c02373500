import { describe, expect, it } from 'vitest';
import { analyzeSnippet } from '../../src/analyze/analyze-snippet.js';
import { prependFindings, tipsForFindings } from '../../src/answer/findings-in-answer.js';
import type { ComposedAnswer } from '../../src/answer/types.js';
import { builtIndex } from '../helpers/built-index.js';

const code = 'import gc\ngc.disable()\ns = ""\nfor w in ws:\n    s += w\n';

describe('tipsForFindings', () => {
  it('puts the units of the findings first, then the guidance tips they deepen, then fills up to k with what retrieval chose', async () => {
    const index = await builtIndex();
    const all = await index.retriever.search('anything', index.knowledge.tips.length);
    const { findings } = analyzeSnippet(code);
    // gc-disabled cites gc--set-threshold (which deepens the guidance's Garbage Collection tip); string-concat-in-loop the guidance tip itself.
    const chosen = tipsForFindings(
      findings,
      all,
      ['avoid-memory-leaks--weak-references', 'optimize-string-usage--string-concatenation'],
      3,
    );
    expect(chosen.map((s) => s.tip.id)).toEqual([
      'gc--set-threshold',
      'optimize-string-usage--string-concatenation',
      'understand-python-s-memory-management--garbage-collection',
    ]);
    const roomier = tipsForFindings(
      findings,
      all,
      ['avoid-memory-leaks--weak-references', 'optimize-string-usage--string-concatenation'],
      4,
    );
    expect(roomier.map((s) => s.tip.id).at(-1)).toBe('avoid-memory-leaks--weak-references');
  });

  it('cites every finding unit, even beyond k and even when retrieval did not score it', async () => {
    const index = await builtIndex();
    const chosen = tipsForFindings(
      analyzeSnippet(code).findings,
      [],
      ['avoid-memory-leaks--weak-references'],
      1,
      index.knowledge.tips,
    );
    expect(chosen.map((s) => [s.tip.id, s.score])).toEqual([
      ['gc--set-threshold', 0],
      ['optimize-string-usage--string-concatenation', 0],
    ]);
  });

  it('cites the guidance tip a unit deepens when the unit’s file is not loaded (KNOWLEDGE_FILES)', async () => {
    const index = await builtIndex();
    const guidanceOnly = index.knowledge.tips.filter((t) => t.primary);
    const chosen = tipsForFindings(analyzeSnippet(code).findings, [], [], 3, guidanceOnly);
    expect(chosen.map((s) => s.tip.id)).toEqual([
      'understand-python-s-memory-management--garbage-collection',
      'optimize-string-usage--string-concatenation',
    ]);
  });
});

describe('prependFindings', () => {
  const answer: ComposedAnswer = {
    answer: 'The guidance covers this.',
    abstained: false,
    citations: [
      {
        n: 1,
        id: 'optimize-string-usage--string-concatenation',
        title: 'String Concatenation',
        section: 'Optimize String Usage',
        score: 0.5,
        source: { file: 'g.md', lineStart: 1, lineEnd: 2 },
      },
    ],
    examples: [],
  };

  it('leads with one bullet per finding: 1-based line, rule, message, fix and tip marker', () => {
    const analysis = analyzeSnippet('s = ""\nfor w in ws:\n    s += w\n');
    const [finding] = analysis.findings;
    expect(prependFindings(answer, analysis).answer).toBe(
      `**In your code** (1 finding):\n\n- Line 3 (\`string-concat-in-loop\`, warning): ${finding?.message} Fix: ${finding?.suggestion} [1]\n\nThe guidance covers this.`,
    );
  });

  it('lists syntax errors, and leaves the answer alone when there is nothing to say', () => {
    expect(prependFindings(answer, analyzeSnippet('def f(:\n    pass\n')).answer).toBe(
      'Syntax errors: line 1 (invalid syntax before ":").\n\nThe guidance covers this.',
    );
    expect(prependFindings(answer, { findings: [], syntaxErrors: [] })).toBe(answer);
  });
});
