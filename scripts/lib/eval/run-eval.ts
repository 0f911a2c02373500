import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { candidatesOf, decide } from '../../../src/answer/answer-policy.js';
import { readScope } from '../../../src/answer/answer-question.js';
import { userTurnsRead } from '../../../src/answer/follow-up/chat-turn.js';
import { resolveFollowUp } from '../../../src/answer/follow-up/resolve-follow-up.js';
import { readAloneWith, scoreResolved } from '../../../src/answer/follow-up/search-question.js';
import type { Tip } from '../../../src/knowledge/types.js';
import type { HybridRetriever, ScoredTip } from '../../../src/retrieval/hybrid-retriever.js';
import type { ScopeReading } from '../../../src/retrieval/scope.js';
import { calibrateThreshold, type Calibration } from './calibrate.js';
import type { EvalSet, InScopeQuestion, OutOfScopeQuestion } from './eval-set.js';

type EvalQuestion = InScopeQuestion | OutOfScopeQuestion;

/** The three rankings compared: BM25 alone, the embedder alone, and the fused hybrid. */
export const SYSTEMS = ['bm25', 'embedder', 'hybrid'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface Miss {
  readonly question: string;
  readonly kind: string;
  readonly expected: readonly string[];
  /** The top three that came back, as `id (score)`. */
  readonly got: readonly string[];
}

export interface SystemReport {
  readonly system: SystemName;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrrAt5: number;
  /** Share of in-scope questions answered (not abstained). */
  readonly answered: number;
  /** Share of out-of-scope questions abstained. */
  readonly abstained: number;
  /** The score the abstention decision used: the configured `minScore` for the hybrid, else the best one on this set. */
  readonly threshold: number;
  /** For the hybrid: where the threshold could go on this set (see calibrate.ts). */
  readonly calibration: Calibration;
  readonly hitAt1ByKind: Readonly<Record<string, number>>;
  readonly misses: readonly Miss[];
  /** In-scope questions the answerer abstained on, and out-of-scope ones it answered. */
  readonly wrongAbstentions: readonly string[];
  readonly wrongAnswers: readonly string[];
}

export interface LatencyReport {
  readonly queries: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface EvalReport {
  readonly embedder: string;
  readonly inScope: number;
  readonly outOfScope: number;
  readonly systems: readonly SystemReport[];
  readonly latency: LatencyReport;
}

export interface RunEvalOptions {
  readonly retriever: HybridRetriever;
  readonly tips: readonly Tip[];
  readonly settings: AnswerSettings;
  readonly set: EvalSet;
  /** Timed passes over the whole set for the latency figures. Default 5. */
  readonly latencyRounds?: number;
}

const SIGNAL: Record<SystemName, (s: ScoredTip) => number> = {
  bm25: (s) => s.lexicalScore,
  embedder: (s) => s.vectorScore,
  hybrid: (s) => s.score,
};

/**
 * Runs an eval set against a retriever and the extractive answerer: ranking quality for each
 * signal alone and fused, abstention on both sides, and query latency (embed + search).
 *
 * @example
 * const report = await runEval({ retriever: index.retriever, tips: index.knowledge.tips, settings: DEFAULT_ANSWER_OPTIONS, set });
 */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const { retriever, set } = options;
  const score = (q: EvalQuestion) => scoreQuestion(retriever, options.settings, q);
  const inSearched = await Promise.all(set.inScope.map(score));
  const outSearched = await Promise.all(set.outOfScope.map(score));
  const inScored = inSearched.map((s) => s.scored);
  const outScored = outSearched.map((s) => s.scored);
  const scopes = { in: inSearched.map((s) => s.scope), out: outSearched.map((s) => s.scope) };
  const systems = SYSTEMS.map((system) => systemReport(system, options, inScored, outScored, scopes));
  return {
    embedder: retriever.embedderId,
    inScope: set.inScope.length,
    outOfScope: set.outOfScope.length,
    systems,
    latency: await measureLatency(retriever, set, options.latencyRounds ?? 5),
  };
}

function systemReport(
  system: SystemName,
  options: RunEvalOptions,
  inScored: readonly ScoredTip[][],
  outScored: readonly ScoredTip[][],
  scopes: { readonly in: readonly (ScopeReading | undefined)[]; readonly out: readonly (ScopeReading | undefined)[] },
): SystemReport {
  const signal = SIGNAL[system];
  const rank = (scored: readonly ScoredTip[]) =>
    [...scored].filter((s) => signal(s) > 0).sort((a, b) => signal(b) - signal(a) || a.tip.id.localeCompare(b.tip.id));
  const inRanked = inScored.map(rank);
  const outRanked = outScored.map(rank);

  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: Miss[] = [];
  const byKind = new Map<string, { n: number; hits: number }>();
  options.set.inScope.forEach((q, i) => {
    const ranked = inRanked[i] ?? [];
    const position = ranked.slice(0, 5).findIndex((s) => q.expected.includes(s.tip.id));
    const kind = byKind.get(q.kind) ?? { n: 0, hits: 0 };
    byKind.set(q.kind, { n: kind.n + 1, hits: kind.hits + (position === 0 ? 1 : 0) });
    if (position === 0) hit1++;
    if (position >= 0 && position < 3) hit3++;
    if (position >= 0) rr += 1 / (position + 1);
    if (position !== 0) {
      const got = ranked.slice(0, 3).map((s) => `${s.tip.id} (${signal(s).toFixed(3)})`);
      misses.push({ question: q.question, kind: q.kind, expected: q.expected, got });
    }
  });

  const topIn = inRanked.map((r) => (r[0] ? signal(r[0]) : 0));
  const topOut = outRanked.map((r) => (r[0] ? signal(r[0]) : 0));
  const calibration = calibrateThreshold(topIn, topOut);
  const answers =
    system === 'hybrid'
      ? {
          inAnswered: inRanked.map((r, i) => answererAnswers(r, scopes.in[i], options)),
          outAnswered: outRanked.map((r, i) => answererAnswers(r, scopes.out[i], options)),
          threshold: options.settings.minScore,
        }
      : {
          inAnswered: topIn.map((s) => s >= calibration.best),
          outAnswered: topOut.map((s) => s >= calibration.best),
          threshold: calibration.best,
        };

  const n = options.set.inScope.length;
  return {
    system,
    hitAt1: hit1 / n,
    hitAt3: hit3 / n,
    mrrAt5: rr / n,
    answered: answers.inAnswered.filter(Boolean).length / n,
    abstained: answers.outAnswered.filter((a) => !a).length / options.set.outOfScope.length,
    threshold: answers.threshold,
    calibration,
    hitAt1ByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, v.hits / v.n])),
    misses,
    wrongAbstentions: options.set.inScope.flatMap((q, i) =>
      answers.inAnswered[i] ? [] : [`${q.question} (top ${topIn[i]?.toFixed(3)})`],
    ),
    wrongAnswers: options.set.outOfScope
      .map((q, i) => ({ q, i }))
      .filter(({ i }) => answers.outAnswered[i])
      .map(({ q, i }) => `${q.question} → ${outRanked[i]?.[0]?.tip.id} (${topOut[i]?.toFixed(3)})`),
  };
}

/**
 * Every tip scored for an eval question, and its scope evidence. A question with `history` is
 * resolved against it first, as the service does (see `resolveFollowUp`): all three systems rank
 * the resolved query, the hybrid with the follow-up's focus; one that names no topic at all
 * scores nothing (and has no scope: the service abstains before reading it).
 */
async function scoreQuestion(
  retriever: HybridRetriever,
  settings: AnswerSettings,
  q: EvalQuestion,
): Promise<{ scored: ScoredTip[]; scope?: ScopeReading }> {
  if (!q.history) return { scored: await retriever.scoreAll(q.question), scope: readScope(retriever, q.question) };
  const history = userTurnsRead(q.history);
  const resolved = await resolveFollowUp(q.question, history, {
    readAlone: readAloneWith(retriever, settings.minScore),
  });
  if (resolved.empty) return { scored: [] };
  return { scored: await scoreResolved(retriever, resolved), scope: readScope(retriever, resolved.query, history) };
}

/** Whether the service answers (neither abstains nor only lists related tips) on these hybrid results. */
function answererAnswers(
  ranked: readonly ScoredTip[],
  scope: ScopeReading | undefined,
  options: RunEvalOptions,
): boolean {
  if (!scope) return false;
  const { defaultK } = options.settings;
  return decide({ scope, ranked: candidatesOf(ranked, defaultK), k: defaultK }, options.settings).kind === 'answer';
}

async function measureLatency(retriever: HybridRetriever, set: EvalSet, rounds: number): Promise<LatencyReport> {
  const questions = [...set.inScope, ...set.outOfScope].map((q) => q.question);
  for (const q of questions) await retriever.search(q, 5); // warm-up: JIT, caches
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const started = performance.now();
      await retriever.search(q, 5);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { queries: times.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: times.at(-1) ?? 0 };
}
