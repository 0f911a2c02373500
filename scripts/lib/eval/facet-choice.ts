import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { answerQuestion } from '../../../src/answer/answer-question.js';
import { FACET_KINDS, type FacetKind } from '../../../src/knowledge/types.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import type { Rate } from './real-eval.js';
import type { RealQuestionSet } from './real-questions.js';

/** Which facet of the right unit real questions should get, as two judges read them (`test/eval/facet-judgements.json`). */
export const FACET_JUDGEMENTS_SET = new URL('../../../test/eval/facet-judgements.json', import.meta.url);

const judgeSchema = z.object({
  /** The one facet that helps this asker most. */
  best: z.enum(FACET_KINDS),
  /** Every facet that would serve the asker well as the one quoted (includes `best`). */
  ok: z.array(z.enum(FACET_KINDS)).min(1),
});

export const facetJudgementSetSchema = z.object({
  $comment: z.string(),
  judgements: z
    .array(
      z.object({
        /** The question's id in a real-question set (its tuning half, or the tuning-only set). */
        from: z.string().regex(/^rq-[0-9a-f]{10}$/),
        /** The unit the question was judged with: a right unit for it, which the service cited first. */
        unit: z.string().min(1),
        /** `tuning`: read to change how facets are picked; `holdout`: only counted. */
        half: z.enum(['tuning', 'holdout']),
        judges: z.array(judgeSchema).length(2),
      }),
    )
    .min(1),
});

export type FacetJudgementSet = z.infer<typeof facetJudgementSetSchema>;

/** The judgements as loaded, with each judged question's text by its id. */
export interface FacetJudgements {
  readonly set: FacetJudgementSet;
  readonly questionOf: ReadonlyMap<string, string>;
}

/** One judged question as the service answers it now. */
export interface FacetChoice {
  readonly from: string;
  readonly half: 'tuning' | 'holdout';
  readonly question: string;
  readonly unit: string;
  /** The unit the answer cites first now (undefined when it abstains). */
  readonly citedFirst: string | undefined;
  /** The facets quoted after the judged unit's short text, in order (empty when it cites another unit first, or quotes none). */
  readonly quoted: readonly FacetKind[];
  /** Facets both judges find serve the asker. */
  readonly acceptable: readonly FacetKind[];
  /** The facet both judges name as best, when they agree. */
  readonly agreedBest: FacetKind | undefined;
}

export interface FacetHalfReport {
  readonly judged: number;
  /** The judged unit is still the first one cited (the facet is judged only then). */
  readonly sameUnit: Rate;
  /** Of those, the answer quotes a facet both judges accept. */
  readonly acceptable: Rate;
  /** Of those, every facet the answer quotes is one both judges accept (none is beside the asker's point). */
  readonly allAcceptable: Rate;
  /** Of those where the judges name the same best facet, the answer quotes it. */
  readonly best: Rate;
  /** How often the two judges name the same best facet. */
  readonly judgesAgree: Rate;
}

export interface FacetChoiceReport {
  readonly tuning: FacetHalfReport;
  readonly holdout: FacetHalfReport;
  readonly choices: readonly FacetChoice[];
}

/** Reads and validates the set: each question is in `questions` (by id) and each unit is known. */
export async function loadFacetJudgements(
  path: string | URL,
  questions: RealQuestionSet['questions'],
  knownTipIds: ReadonlySet<string>,
): Promise<FacetJudgements> {
  const parsed = facetJudgementSetSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid facet judgements ${String(path)}: ${z.prettifyError(parsed.error)}`);
  const byId = new Map(questions.map((q) => [q.id, q.question]));
  const problems = parsed.data.judgements.flatMap((j) => [
    ...(byId.has(j.from) ? [] : [`${j.from}: not a question of the real sets`]),
    ...(knownTipIds.has(j.unit) ? [] : [`${j.from}: unknown unit ${j.unit}`]),
    ...j.judges
      .filter((judge) => !judge.ok.includes(judge.best))
      .map(() => `${j.from}: a judge's best is not in its ok`),
  ]);
  if (problems.length > 0) throw new Error(`Facet judgements ${String(path)}: ${problems.join('; ')}`);
  return { set: parsed.data, questionOf: byId };
}

/**
 * Asks every judged question as a client does and reads which facet of its first unit the answer
 * quotes: the judgement counts only while that unit is still the one cited first.
 */
export async function runFacetChoice(
  index: LoadedIndex,
  settings: AnswerSettings,
  { set, questionOf }: FacetJudgements,
): Promise<FacetChoiceReport> {
  const choices: FacetChoice[] = [];
  for (const j of set.judgements) {
    const question = questionOf.get(j.from) ?? '';
    const answer = await answerQuestion(index, settings, { question });
    const first = answer.abstained ? undefined : answer.citations[0];
    const [a, b] = j.judges;
    choices.push({
      from: j.from,
      half: j.half,
      question,
      unit: j.unit,
      citedFirst: first?.id,
      quoted: first?.id === j.unit ? (first.quoted ?? []).flatMap((p) => (p.part === 'text' ? [] : [p.part])) : [],
      acceptable: (a?.ok ?? []).filter((k) => b?.ok.includes(k)),
      agreedBest: a && a.best === b?.best ? a.best : undefined,
    });
  }
  return { tuning: halfReport(choices, 'tuning'), holdout: halfReport(choices, 'holdout'), choices };
}

function halfReport(all: readonly FacetChoice[], half: 'tuning' | 'holdout'): FacetHalfReport {
  const rate = (hits: number, n: number): Rate => ({ hits, n });
  const mine = all.filter((c) => c.half === half);
  const cited = mine.filter((c) => c.citedFirst === c.unit);
  const agreed = cited.filter((c) => c.agreedBest !== undefined);
  return {
    judged: mine.length,
    sameUnit: rate(cited.length, mine.length),
    acceptable: rate(cited.filter((c) => c.quoted.some((k) => c.acceptable.includes(k))).length, cited.length),
    allAcceptable: rate(
      cited.filter((c) => c.quoted.length > 0 && c.quoted.every((k) => c.acceptable.includes(k))).length,
      cited.length,
    ),
    best: rate(
      agreed.filter((c) => c.agreedBest !== undefined && c.quoted.includes(c.agreedBest)).length,
      agreed.length,
    ),
    judgesAgree: rate(mine.filter((c) => c.agreedBest !== undefined).length, mine.length),
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 140);

const pct = (r: Rate) => (r.n === 0 ? '–' : `${((100 * r.hits) / r.n).toFixed(1)}% (${r.hits}/${r.n})`);

/** The facet section of `npm run eval`: the tuning half's misses are listed, the holdout's only counted. */
export function formatFacetChoiceReport(report: FacetChoiceReport): string {
  const misses = report.choices.filter(
    (c) => c.half === 'tuning' && c.citedFirst === c.unit && !c.quoted.some((k) => c.acceptable.includes(k)),
  );
  const moved = report.choices.filter((c) => c.half === 'tuning' && c.citedFirst !== c.unit);
  return [
    'facet chosen for real questions (test/eval/facet-judgements.json: the right unit first, which part of it two judges find helps the asker):',
    '',
    '| metric | tuning | holdout |',
    '|---|---:|---:|',
    `| judged questions whose judged unit is still cited first | ${pct(report.tuning.sameUnit)} | ${pct(report.holdout.sameUnit)} |`,
    `| a facet quoted is one both judges accept | ${pct(report.tuning.acceptable)} | ${pct(report.holdout.acceptable)} |`,
    `| every facet quoted is one both judges accept | ${pct(report.tuning.allAcceptable)} | ${pct(report.holdout.allAcceptable)} |`,
    `| the facet both judges name best is quoted | ${pct(report.tuning.best)} | ${pct(report.holdout.best)} |`,
    `| the two judges name the same best facet | ${pct(report.tuning.judgesAgree)} | ${pct(report.holdout.judgesAgree)} |`,
    '',
    `tuning-half misses (${misses.length}):`,
    ...misses.map(
      (c) =>
        `  - [${c.unit}: quoted ${c.quoted.join('+') || 'none'}, acceptable ${c.acceptable.join('/') || 'none'}] ${oneLine(c.question)}`,
    ),
    `tuning-half questions now cited first with another unit (${moved.length}; judge them again if the change is right):`,
    ...moved.map((c) => `  - [${c.unit} → ${c.citedFirst ?? 'nothing'}] ${oneLine(c.question)}`),
  ].join('\n');
}
