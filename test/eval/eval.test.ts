import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { DEFAULT_EVAL_SET, HOLDOUT_EVAL_SET, loadEvalSet } from '../../scripts/lib/eval/eval-set.js';
import { formatReport } from '../../scripts/lib/eval/format-report.js';
import { runEval, type SystemReport } from '../../scripts/lib/eval/run-eval.js';
import { builtIndex } from '../helpers/built-index.js';

const index = await builtIndex();
const set = await loadEvalSet(DEFAULT_EVAL_SET, new Set(index.knowledge.tips.map((t) => t.id)));
// Latency is measured by `npm run eval`, not asserted here: timing in a shared test run is noise.
const report = await runEval({
  retriever: index.retriever,
  tips: index.knowledge.tips,
  settings: DEFAULT_ANSWER_OPTIONS,
  set,
  latencyRounds: 0,
});
const system = (name: SystemReport['system']) => report.systems.find((s) => s.system === name) as SystemReport;

describe('retrieval quality on test/eval/questions.json (the issue’s floors)', () => {
  const hybrid = system('hybrid');

  it('hit@1 ≥ 0.90 and hit@3 ≥ 0.97 on in-scope questions', () => {
    expect(hybrid.hitAt1, formatReport(report)).toBeGreaterThanOrEqual(0.9);
    expect(hybrid.hitAt3, formatReport(report)).toBeGreaterThanOrEqual(0.97);
  });

  it('answers ≥ 98% of in-scope questions and abstains on ≥ 95% of out-of-scope ones', () => {
    expect(hybrid.answered, hybrid.wrongAbstentions.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(hybrid.abstained, hybrid.wrongAnswers.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('hit@1 ≥ 0.90 on follow-ups (questions asked after earlier turns, resolved against them)', () => {
    expect(hybrid.hitAt1ByKind['follow-up'], formatReport(report)).toBeGreaterThanOrEqual(0.9);
  });

  it('the hybrid ranks at least as well as BM25 alone and the embedder alone', () => {
    expect(hybrid.hitAt1).toBeGreaterThanOrEqual(system('bm25').hitAt1);
    expect(hybrid.hitAt1).toBeGreaterThanOrEqual(system('embedder').hitAt1);
    expect(hybrid.mrrAt5).toBeGreaterThanOrEqual(Math.max(system('bm25').mrrAt5, system('embedder').mrrAt5));
  });

  it('the configured minScore is the threshold this set calibrates to (re-run `npm run eval` when retrieval changes)', () => {
    expect(Math.abs(hybrid.calibration.best - DEFAULT_ANSWER_OPTIONS.minScore)).toBeLessThanOrEqual(0.05);
  });

  it('prints a table with the three systems side by side', () => {
    const text = formatReport(report);
    expect(text).toMatch(/\| metric \| bm25 \| embedder \| hybrid \|/);
    expect(text).toMatch(/\| hit@1 \(in-scope\) \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \|/);
    expect(text).toContain('abstained (out-of-scope)');
  });
});

describe('retrieval quality on test/eval/holdout.json (a harder second set; reported, with looser guards)', async () => {
  const holdout = await loadEvalSet(HOLDOUT_EVAL_SET, new Set(index.knowledge.tips.map((t) => t.id)));
  const r = await runEval({
    retriever: index.retriever,
    tips: index.knowledge.tips,
    settings: DEFAULT_ANSWER_OPTIONS,
    set: holdout,
    latencyRounds: 0,
  });
  const hybrid = r.systems.find((s) => s.system === 'hybrid') as SystemReport;

  it('answers ≥ 95% of in-scope questions', () => {
    expect(hybrid.answered, hybrid.wrongAbstentions.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  // Below this floor from the answers work of issues 14/15 (52 of 55: 94.5%) until the guidance-first
  // margins were retuned on the tuning questions (54 of 55).
  it('ranks a right tip in the top 3 for ≥ 95% of in-scope questions', () => {
    expect(hybrid.hitAt3, formatReport(r)).toBeGreaterThanOrEqual(0.95);
  });

  it('abstains on ≥ 80% of its out-of-scope questions', () => {
    expect(hybrid.abstained, hybrid.wrongAnswers.join('\n')).toBeGreaterThanOrEqual(0.8);
  });
});
