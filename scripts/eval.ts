/**
 * `npm run eval [-- --set file.json] [--json] [--verbose]`: runs an eval set against the built
 * index (the same embedder configuration the server uses) and prints hit@1, hit@3, MRR@5,
 * abstention and latency for BM25 alone, the embedder alone and the hybrid, then how the answers'
 * confidence levels do on both shipped sets pooled, and where their thresholds calibrate to.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ANSWER_OPTIONS } from '../src/answer/answer-options.js';
import { loadIndexFromDisk } from '../src/platform/node-index.js';
import { createConfiguredEmbedder } from '../src/platform/node-embedder.js';
import { confidenceReport, formatConfidenceReport } from './lib/eval/confidence-report.js';
import { DEFAULT_EVAL_SET, HOLDOUT_EVAL_SET, loadEvalSet } from './lib/eval/eval-set.js';
import { formatReport } from './lib/eval/format-report.js';
import { runEval } from './lib/eval/run-eval.js';
import { INDEX_DIR } from './lib/paths.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const loadStarted = performance.now();
// No query cache: the latency figures time each search, not a lookup of the previous round's.
const index = await loadIndexFromDisk(INDEX_DIR, await createConfiguredEmbedder(process.env), { queryCacheSize: 0 });
const loadMs = performance.now() - loadStarted;
const set = await loadEvalSet(values.set ?? DEFAULT_EVAL_SET, new Set(index.knowledge.tips.map((t) => t.id)));
const report = await runEval({ retriever: index.retriever, tips: index.knowledge.tips, settings: DEFAULT_ANSWER_OPTIONS, set });
// Confidence levels are calibrated on both shipped sets pooled, whichever set the report above ran.
const tipIds = new Set(index.knowledge.tips.map((t) => t.id));
const pooled = [await loadEvalSet(DEFAULT_EVAL_SET, tipIds), await loadEvalSet(HOLDOUT_EVAL_SET, tipIds)];
const confidence = await confidenceReport(index, DEFAULT_ANSWER_OPTIONS, pooled);

if (values.json) {
  console.log(JSON.stringify({ ...report, confidence, indexLoadMs: loadMs }, null, 2));
} else {
  console.log(formatReport(report, { verbose: values.verbose }));
  console.log(`\n${formatConfidenceReport(confidence, ['questions.json', 'holdout.json'])}`);
  console.log(`\nindex load (manifest, tips, BM25, vectors, embedder): ${loadMs.toFixed(1)} ms`);
}
