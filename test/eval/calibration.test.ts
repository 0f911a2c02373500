import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { calibrateAnswers, CONFIDENCE_ONLY_SET, HIGH_VETO_SET } from '../../scripts/lib/eval/calibrate-answers.js';
import { outcomeOf } from '../../scripts/lib/eval/answer-signals.js';
import { CALIBRATION_FILE, calibrationSignals } from '../../scripts/lib/eval/calibration-data.js';
import { builtIndex } from '../helpers/built-index.js';

const signals = await calibrationSignals(await builtIndex(), DEFAULT_ANSWER_OPTIONS);
const calibrated = calibrateAnswers(signals, DEFAULT_ANSWER_OPTIONS);

describe('src/answer/calibration.json', () => {
  it('holds the thresholds the tuning data calibrates to (re-run `npm run eval -- --calibrate` when retrieval, the scope rules or the knowledge change)', async () => {
    const committed = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8')) as Record<string, unknown>;
    const { $comment: _comment, ...values } = committed;
    expect(values).toEqual(calibrated);
  });

  it('takes only `confidence` from the tuning-only real set (it has no negatives to weigh the other thresholds against)', () => {
    const confidenceOnly = signals.filter((s) => s.set === CONFIDENCE_ONLY_SET);
    expect(confidenceOnly.length).toBeGreaterThanOrEqual(300);
    const without = calibrateAnswers(
      signals.filter((s) => s.set !== CONFIDENCE_ONLY_SET),
      DEFAULT_ANSWER_OPTIONS,
    );
    expect({ ...without, confidence: calibrated.confidence, basis: calibrated.basis }).toEqual(calibrated);
    // On its questions fewer answers are right at a given score than on the other tuning sets:
    // with them, `high` never starts lower (since 2026-12-06 both start where the veto below puts it).
    expect(calibrated.confidence.high).toBeGreaterThanOrEqual(without.confidence.high);
    // A second calibration over ~700 questions' signals: a few seconds.
  }, 60_000);

  it('keeps every out-of-scope answer of the tuning-only set under `high`, and takes nothing else from them', () => {
    const veto = signals.filter((s) => s.set === HIGH_VETO_SET);
    expect(veto.length).toBeGreaterThanOrEqual(200);
    const without = calibrateAnswers(
      signals.filter((s) => s.set !== HIGH_VETO_SET),
      DEFAULT_ANSWER_OPTIONS,
    );
    // Only `high` may move, and only up: above the best such answer whose level its score decides.
    const high = calibrated.confidence.high;
    expect({ ...without, confidence: { ...without.confidence, high }, basis: calibrated.basis }).toEqual(calibrated);
    expect(high).toBeGreaterThanOrEqual(without.confidence.high);
    for (const s of veto) {
      const o = outcomeOf(s, DEFAULT_ANSWER_OPTIONS);
      if (o.coverage === 'answer' && !o.capped) expect(o.score).toBeLessThan(high);
    }
    // The best-scoring answer whose level its score decides, asked again as another runtime's
    // question: `high` moves above it.
    const strongest = signals
      .filter((s) => s.set !== HIGH_VETO_SET && (s.category === 'in-scope' || s.category === 'companion'))
      .map((s) => ({ s, o: outcomeOf(s, DEFAULT_ANSWER_OPTIONS) }))
      .filter(({ o }) => o.coverage === 'answer' && !o.capped)
      .sort((a, b) => b.o.score - a.o.score)[0]!;
    const vetoed = calibrateAnswers(
      [...signals, { ...strongest.s, category: 'other-runtime', expected: [], set: HIGH_VETO_SET }],
      DEFAULT_ANSWER_OPTIONS,
    );
    expect(vetoed.confidence.high).toBeGreaterThan(strongest.o.score);
    expect(strongest.o.score).toBeGreaterThanOrEqual(calibrated.confidence.high);
  }, 60_000);

  it('is what the service answers with', async () => {
    const committed = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8')) as Record<string, unknown>;
    const { minScore, relativeCutoff, minNovelty, scope, related, confidence } = DEFAULT_ANSWER_OPTIONS;
    expect({ minScore, relativeCutoff, minNovelty, scope, related, confidence }).toEqual({
      minScore: committed.minScore,
      relativeCutoff: committed.relativeCutoff,
      minNovelty: committed.minNovelty,
      scope: committed.scope,
      related: committed.related,
      confidence: committed.confidence,
    });
  });
});
