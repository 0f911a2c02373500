import { readFile, writeFile } from 'node:fs/promises';
import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import { collectSignals, type AnswerSignals, type SignalQuestion } from './answer-signals.js';
import { calibrateAnswers, CONFIDENCE_ONLY_SET, HIGH_VETO_SET, type AnswerCalibration } from './calibrate-answers.js';
import { DEFAULT_EVAL_SET, loadEvalSet, type EvalSet } from './eval-set.js';
import { loadRealQuestions, REAL_QUESTIONS_SET, REAL_TUNING_SET, type RealQuestionSet } from './real-questions.js';
import { ANSWERABLE, signalQuestion } from './real-eval.js';

/** Where the calibrated thresholds live (read by `answer-options.ts` and `confidence.ts`). */
export const CALIBRATION_FILE = new URL('../../../src/answer/calibration.json', import.meta.url);

/**
 * The questions the thresholds are calibrated on: the tuning half of the real set, the tuning-only
 * real set's in-scope, companion and related questions (for `confidence` only, see
 * CONFIDENCE_ONLY_SET) and its out-of-scope ones (only as answers that must never be `high`, see
 * HIGH_VETO_SET), and `questions.json` (its out-of-scope Python questions count as not-memory).
 * Never a holdout.
 */
export function calibrationQuestions(
  real: RealQuestionSet,
  old: EvalSet,
  tuningOnly?: RealQuestionSet,
): SignalQuestion[] {
  return [
    ...real.questions.filter((q) => q.half === 'tuning').map(signalQuestion),
    // Its answerable and related questions only: how many negatives it has was chosen by who
    // collected them, so they would set where `medium` starts; they are measured by `npm run
    // eval`, not tuned on. Its related questions count only toward `high` (see step 7).
    ...(tuningOnly?.questions ?? [])
      .filter((q) => ANSWERABLE.includes(q.category) || q.category === 'related')
      .map((q) => ({ ...signalQuestion(q), set: CONFIDENCE_ONLY_SET })),
    ...(tuningOnly?.questions ?? [])
      .filter((q) => q.category === 'other-runtime' || q.category === 'not-memory')
      .map((q) => ({ ...signalQuestion(q), set: HIGH_VETO_SET })),
    ...old.inScope.map((q) => ({
      question: q.question,
      history: q.history,
      category: 'in-scope' as const,
      expected: q.expected,
    })),
    ...old.outOfScope.map((q) => ({
      question: q.question,
      history: q.history,
      category: q.kind === 'python' ? ('not-memory' as const) : ('out' as const),
    })),
  ];
}

/** Loads the calibration questions and computes their signals. */
export async function calibrationSignals(index: LoadedIndex, settings: AnswerSettings): Promise<AnswerSignals[]> {
  const ids = new Set(index.knowledge.tips.map((t) => t.id));
  const real = await loadRealQuestions(REAL_QUESTIONS_SET, ids);
  const old = await loadEvalSet(DEFAULT_EVAL_SET, ids);
  const tuningOnly = await loadRealQuestions(REAL_TUNING_SET, ids);
  return collectSignals(index, settings, calibrationQuestions(real, old, tuningOnly));
}

/** Calibrates on the shipped sets. */
export async function calibrate(index: LoadedIndex, settings: AnswerSettings): Promise<AnswerCalibration> {
  return calibrateAnswers(await calibrationSignals(index, settings), settings);
}

/** Writes `calibration.json`, keeping its comment. */
export async function writeCalibration(calibration: AnswerCalibration): Promise<void> {
  const current = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8')) as { $comment?: string };
  const { basis, ...values } = calibration;
  await writeFile(CALIBRATION_FILE, `${JSON.stringify({ $comment: current.$comment, ...values, basis }, null, 2)}\n`);
}
