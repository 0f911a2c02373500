/**
 * `npm run eval [-- --set file.json] [--json] [--verbose] [--calibrate] [--show-holdout]
 * [--show-tuning-set]`: runs the eval sets against the built index (the same embedder
 * configuration the server uses):
 *
 * - `questions.json` (or `--set`): hit@1, hit@3, MRR@5, abstention and latency for BM25 alone,
 *   the embedder alone and the hybrid, per kind (plain, paraphrase, typo, slang, code, follow-up);
 * - the confidence levels on `questions.json` + `holdout.json`;
 * - `real-questions.json`: the tuning and holdout halves side by side, per category (other
 *   runtime, not memory, related-only, in-scope), with the targets, and the tuning-only real set
 *   `real-tuning-questions.json` beside them. Failures are listed for the tuning half, the
 *   tuning-only set's with `--show-tuning-set`, the holdout's only with `--show-holdout`, once
 *   tuning is done;
 * - `conversations.json`: the scripted follow-up conversations (no follow-up repeats what an
 *   earlier answer quoted; the follow-up's first cited unit is right);
 * - `facet-judgements.json`: for real questions answered with a right unit, whether the facet
 *   quoted is one that two judges find helps the asker (tuning and holdout halves);
 * - the answering thresholds the tuning data calibrates to, beside the configured ones
 *   (`src/answer/calibration.json`); `--calibrate` writes them there.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ANSWER_OPTIONS, type AnswerSettings } from '../src/answer/answer-options.js';
import { loadIndexFromDisk, createConfiguredEmbedder } from '../src/platform/node/load-index.js';
import type { AnswerCalibration } from './lib/eval/calibrate-answers.js';
import { calibrate, writeCalibration } from './lib/eval/calibration-data.js';
import { confidenceReport, formatConfidenceReport } from './lib/eval/confidence-report.js';
import {
  CONVERSATIONS_SET,
  formatConversationReport,
  loadConversations,
  runConversations,
} from './lib/eval/conversations.js';
import { DEFAULT_EVAL_SET, HOLDOUT_EVAL_SET, loadEvalSet } from './lib/eval/eval-set.js';
import { formatReport } from './lib/eval/format-report.js';
import {
  FACET_JUDGEMENTS_SET,
  formatFacetChoiceReport,
  loadFacetJudgements,
  runFacetChoice,
} from './lib/eval/facet-choice.js';
import { formatRealReport, runRealEval } from './lib/eval/real-eval.js';
import { loadRealQuestions, REAL_QUESTIONS_SET, REAL_TUNING_SET } from './lib/eval/real-questions.js';
import { runEval } from './lib/eval/run-eval.js';
import { INDEX_DIR } from './lib/paths.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    calibrate: { type: 'boolean', default: false },
    'show-holdout': { type: 'boolean', default: false },
    'show-tuning-set': { type: 'boolean', default: false },
  },
});

const loadStarted = performance.now();
// No query cache: the latency figures time each search, not a lookup of the previous round's.
const index = await loadIndexFromDisk(INDEX_DIR, await createConfiguredEmbedder(process.env), { queryCacheSize: 0 });
const loadMs = performance.now() - loadStarted;
const tipIds = new Set(index.knowledge.tips.map((t) => t.id));

const calibrated = await calibrate(index, DEFAULT_ANSWER_OPTIONS);
if (values.calibrate) await writeCalibration(calibrated);
// After --calibrate, everything below runs with the new thresholds.
const settings: AnswerSettings = values.calibrate
  ? withCalibration(DEFAULT_ANSWER_OPTIONS, calibrated)
  : DEFAULT_ANSWER_OPTIONS;

const set = await loadEvalSet(values.set ?? DEFAULT_EVAL_SET, tipIds);
const report = await runEval({ retriever: index.retriever, tips: index.knowledge.tips, settings, set });
const pooled = [await loadEvalSet(DEFAULT_EVAL_SET, tipIds), await loadEvalSet(HOLDOUT_EVAL_SET, tipIds)];
const confidence = await confidenceReport(index, settings, pooled);
const realQuestions = await loadRealQuestions(REAL_QUESTIONS_SET, tipIds);
const realTuningQuestions = await loadRealQuestions(REAL_TUNING_SET, tipIds);
const real = await runRealEval(index, settings, realQuestions);
const [tuningSet] = (await runRealEval(index, settings, realTuningQuestions)).halves;
const conversations = await runConversations(index, settings, await loadConversations(CONVERSATIONS_SET, tipIds));
const facets = await runFacetChoice(
  index,
  settings,
  await loadFacetJudgements(
    FACET_JUDGEMENTS_SET,
    [...realQuestions.questions, ...realTuningQuestions.questions],
    tipIds,
  ),
);

if (values.json) {
  console.log(
    JSON.stringify(
      {
        ...report,
        confidence,
        real,
        realTuningSet: tuningSet,
        conversations,
        facets,
        calibration: { configured: DEFAULT_ANSWER_OPTIONS, calibrated },
        indexLoadMs: loadMs,
      },
      null,
      2,
    ),
  );
} else {
  console.log(formatReport(report, { verbose: values.verbose }));
  console.log(`\n${formatConfidenceReport(confidence, ['questions.json', 'holdout.json'])}`);
  console.log(
    `\n${formatRealReport(real, {
      showHoldout: values['show-holdout'],
      showTuningSet: values['show-tuning-set'],
      ...(tuningSet ? { tuningSet } : {}),
    })}`,
  );
  console.log(`\n${formatConversationReport(conversations)}`);
  console.log(`\n${formatFacetChoiceReport(facets)}`);
  console.log(`\n${formatCalibration(DEFAULT_ANSWER_OPTIONS, calibrated, values.calibrate ?? false)}`);
  console.log(`\nindex load (manifest, tips, BM25, vectors, embedder): ${loadMs.toFixed(1)} ms`);
}

function withCalibration(base: AnswerSettings, c: AnswerCalibration): AnswerSettings {
  return {
    ...base,
    minScore: c.minScore,
    relativeCutoff: c.relativeCutoff,
    minNovelty: c.minNovelty,
    scope: c.scope,
    related: c.related,
    confidence: c.confidence,
  };
}

function formatCalibration(configured: AnswerSettings, c: AnswerCalibration, written: boolean): string {
  const rows: [string, number, number][] = [
    ['minScore', configured.minScore, c.minScore],
    ['relativeCutoff', configured.relativeCutoff, c.relativeCutoff],
    ['minNovelty', configured.minNovelty, c.minNovelty],
    ['scope.otherRuntime', configured.scope.otherRuntime, c.scope.otherRuntime],
    ['scope.notMemory', configured.scope.notMemory, c.scope.notMemory],
    ['scope.memory', configured.scope.memory, c.scope.memory],
    ['related.margin', configured.related.margin, c.related.margin],
    ['related.floor', configured.related.floor, c.related.floor],
    ['confidence.high', configured.confidence.high, c.confidence.high],
    ['confidence.medium', configured.confidence.medium, c.confidence.medium],
    ['confidence.minLead', configured.confidence.minLead, c.confidence.minLead],
  ];
  const basis = Object.entries(c.basis)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return [
    `answering thresholds (calibrated on the real tuning half, the tuning-only real set (confidence only) and questions.json: ${basis}):`,
    '',
    '| threshold | configured | calibrated |',
    '|---|---:|---:|',
    ...rows.map(([name, a, b]) => `| ${name} | ${a} | ${b}${a === b ? '' : ' ←'} |`),
    '',
    written
      ? 'written to src/answer/calibration.json'
      : 'run `npm run eval -- --calibrate` to write the calibrated values to src/answer/calibration.json',
  ].join('\n');
}
