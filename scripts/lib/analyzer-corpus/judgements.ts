import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../../../src/analyze/types.js';
import { CORPUS_DATA_DIR, findingKey, type CorpusRun, type KeyedFinding } from './corpus.js';

export type Verdict = 'true' | 'false' | 'debatable';

/** One hand judgement from `judgements.tsv`. */
export interface Judgement {
  readonly key: string;
  readonly verdict: Verdict;
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** One finding of the analyzer before issue 16 (`baseline.tsv`). */
export interface BaselineFinding {
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
}

/** A real problem in the corpus listed by hand (`known-problems.tsv`), for recall. */
export interface KnownProblem {
  readonly file: string;
  readonly line: number;
  readonly hash: string;
  readonly rules: readonly string[];
  readonly description: string;
}

function rows(name: string): string[][] {
  return readFileSync(join(CORPUS_DATA_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

function fileAndLine(location: string): { file: string; line: number } {
  const at = location.lastIndexOf(':');
  return { file: location.slice(0, at), line: Number(location.slice(at + 1)) };
}

export function readJudgements(): Map<string, Judgement> {
  const judgements = new Map<string, Judgement>();
  for (const [verdict, rule, location, hash, reason] of rows('judgements.tsv')) {
    if (verdict !== 'true' && verdict !== 'false' && verdict !== 'debatable')
      throw new Error(`judgements.tsv: bad verdict "${verdict}"`);
    if (!rule || !location || !hash || !reason) throw new Error(`judgements.tsv: incomplete line for ${location}`);
    const { file, line } = fileAndLine(location);
    const [base, repeat] = hash.split('~');
    const key = findingKey(file, rule, base ?? hash, Number(repeat ?? 0));
    if (judgements.has(key)) throw new Error(`judgements.tsv: ${key} judged twice`);
    judgements.set(key, { key, verdict, rule, file, line, reason });
  }
  return judgements;
}

export function readBaseline(): BaselineFinding[] {
  return rows('baseline.tsv').map(([rule = '', severity, location = '', hash = '']) => {
    const { file } = fileAndLine(location);
    const [base, repeat] = hash.split('~');
    return { key: findingKey(file, rule, base ?? hash, Number(repeat ?? 0)), rule, severity: severity as Severity };
  });
}

export function readKnownProblems(): KnownProblem[] {
  return rows('known-problems.tsv').map(([rules = '', location = '', hash = '', description = '']) => ({
    ...fileAndLine(location),
    hash,
    rules: rules.split(','),
    description,
  }));
}

/** Counts for one row of the precision table. */
export interface Tally {
  findings: number;
  true: number;
  false: number;
  debatable: number;
  unjudged: number;
}

const emptyTally = (): Tally => ({ findings: 0, true: 0, false: 0, debatable: 0, unjudged: 0 });

/** true / (true + false): debatable findings are left out (and shown), unjudged ones too. */
export function precision(t: Tally): number | undefined {
  return t.true + t.false > 0 ? t.true / (t.true + t.false) : undefined;
}

/** true / (true + false + debatable): debatable findings counted as not worth acting on. */
export function strictPrecision(t: Tally): number | undefined {
  const judged = t.true + t.false + t.debatable;
  return judged > 0 ? t.true / judged : undefined;
}

export interface Evaluation {
  /** By `rule/severity`, plus `all/warning`, `all/info`. */
  readonly after: Map<string, Tally>;
  readonly before: Map<string, Tally>;
  readonly unjudged: readonly KeyedFinding[];
  /** Findings judged false that the analyzer makes. */
  readonly falseReported: readonly KeyedFinding[];
  /** Findings judged true that the analyzer no longer makes. */
  readonly trueMissing: readonly Judgement[];
  readonly recall: {
    readonly found: readonly KnownProblem[];
    readonly missed: readonly KnownProblem[];
    readonly foundBefore: number;
  };
}

function tally(map: Map<string, Tally>, key: string, verdict: Verdict | undefined) {
  let t = map.get(key);
  if (!t) map.set(key, (t = emptyTally()));
  t.findings++;
  if (verdict) t[verdict]++;
  else t.unjudged++;
}

export function evaluate(
  run: CorpusRun,
  judgements = readJudgements(),
  baseline = readBaseline(),
  known = readKnownProblems(),
): Evaluation {
  const after = new Map<string, Tally>();
  const before = new Map<string, Tally>();
  const unjudged: KeyedFinding[] = [];
  const falseReported: KeyedFinding[] = [];
  const present = new Set<string>();
  for (const f of run.findings) {
    present.add(f.key);
    const verdict = judgements.get(f.key)?.verdict;
    if (!verdict) unjudged.push(f);
    if (verdict === 'false') falseReported.push(f);
    tally(after, `${f.finding.rule}/${f.finding.severity}`, verdict);
    tally(after, `all/${f.finding.severity}`, verdict);
  }
  for (const b of baseline) {
    const verdict = judgements.get(b.key)?.verdict;
    tally(before, `${b.rule}/${b.severity}`, verdict);
    tally(before, `all/${b.severity}`, verdict);
  }
  const trueMissing = [...judgements.values()].filter((j) => j.verdict === 'true' && !present.has(j.key));
  const found: KnownProblem[] = [];
  const missed: KnownProblem[] = [];
  const matches = (key: string, problem: KnownProblem) => {
    const [file, rule, hash] = key.split(' ');
    return file === problem.file && problem.rules.includes(rule ?? '') && hash?.split('~')[0] === problem.hash;
  };
  for (const problem of known) (run.findings.some((f) => matches(f.key, problem)) ? found : missed).push(problem);
  const foundBefore = known.filter((problem) => baseline.some((b) => matches(b.key, problem))).length;
  return { after, before, unjudged, falseReported, trueMissing, recall: { found, missed, foundBefore } };
}
