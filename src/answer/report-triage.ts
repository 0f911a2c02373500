import type { Tip } from '../knowledge/types.js';
import type { ScoredTip } from '../retrieval/hybrid-retriever.js';
import type { ComposedAnswer } from './types.js';

/**
 * How many words make a question a report (a bug report's opening post, a pasted log) rather than
 * a question: its code and logs name APIs whatever its point. Of the real questions of the tuning
 * sets (a title and a paragraph or two), 2 of 1,178 are this long; of the 200 GitHub reports and
 * Q&A posts judged blind before (test/eval/answers-compared.json to -5.json, title and opening
 * post), 123. A shorter one that names an API of its closest unit asks about that API (see
 * {@link triageUnit}).
 */
export const REPORT_MIN_WORDS = 80;

/**
 * Under this lead of its best unit over the sixth (`leadOf`) a question is matched on the words it
 * shares with many units (its code, its logs, its library's names, or only "memory" and "leak"),
 * not on its point. Of the GitHub reports of growth (80 words or more) among the 200 judged blind,
 * the answers whose lead is 0.06 or more were useful to both judges 15 times of 24; under it, 28
 * of 72, and 38 were useful to neither. Of 30 shorter ones judged blind (test/eval/triage-judged.json,
 * round 4), the 10 from 0.06 to 0.08 were also better with the triage unit (both judges preferred
 * it 8 times, the answer before never), but there 3 more tuning questions lose their labelled unit
 * from first place (a closure, batches, asyncio tasks), against 4 under 0.06. A lead of 0.09 for
 * short reports (fresh round 10, test/eval/answers-compared-10.json: preferred by both judges 5
 * times of 6) moved 4 in-scope and 2 companion labelled units of the holdout from first place to
 * second. Not kept: one lead for every report (docs/answers.md).
 */
export const TRIAGE_MAX_LEAD = 0.06;

/**
 * What the answer says before the triage unit: why it does not answer with the best-matching unit,
 * and what comes first. True of both kinds of triage answer: a report whose words match several
 * units about equally, and one whose symptom names no cause (a notebook kernel that died), whose
 * best unit matches only what it was doing.
 */
export const TRIAGE_NOTE =
  '*No tip clearly matches this report, and the closest may not be its cause. First, how to find the cause:*';

/** How many words `text` has (runs of non-space characters). */
export function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * The unit that answers a report first (`triage`, the unit `HybridRetriever.triageFor` found for
 * its words: "leak", "keeps growing"; "MemoryError", "OOMKilled"), when its best unit leads the
 * sixth by less than the unit's `triageLead` ({@link TRIAGE_MAX_LEAD} when it has none: the peak
 * unit's is 0.2), unless it is shorter than {@link REPORT_MIN_WORDS}
 * and names an API specific to its best unit or a unit asked beside it (`namesBestApi`, see
 * `HybridRetriever.namesApiOf`: "use WeakValueDictionary for the image registry to prevent a
 * memory leak" asks about that class; "data type float64" in a pasted `MemoryError` names no
 * unit); undefined otherwise. A report with a `decisive` word of the unit (`decides`: "Killed",
 * "the kernel appears to have died") gets it whatever the lead: a process killed with no
 * traceback names no cause, and the units its other words match are about what it was doing. A
 * triage unit is never ranked, so it is cited with a score of 0. The answer cites the closest unit after it, by
 * its short text only: of the 57 long reports judged blind (two judges, docs/answers.md), with the
 * closest unit too 38 were useful to both judges and 15 to neither, without it 34 and 19, and as
 * before (the closest unit alone, in full) 16 and 38. Of the 17 short ones it answers ("Memory
 * leaks. We have them.", 8 to 78 words), useful to both 10 → 16, helpful to both 1 → 7. On the
 * tuning sets it takes first place from 4 labelled units, which it cites second.
 *
 * @example triageUnit(retriever.triageFor(report), ranked, 212, 0.03)?.tip.id // 'leaks--which-kind-of-growth'
 */
export function triageUnit(
  triage: Tip | undefined,
  ranked: readonly ScoredTip[],
  words: number,
  lead: number,
  { namesBestApi = false, decides = false }: { readonly namesBestApi?: boolean; readonly decides?: boolean } = {},
): ScoredTip | undefined {
  const best = ranked[0];
  const maxLead = triage?.triageLead ?? TRIAGE_MAX_LEAD;
  if (!triage || !best || (lead >= maxLead && !decides) || (words < REPORT_MIN_WORDS && namesBestApi)) return undefined;
  return {
    tip: triage,
    score: 0,
    vectorScore: 0,
    lexicalScore: 0,
    coverage: 0,
    notCovered: best.notCovered,
    uncovered: best.uncovered,
  };
}

/** The answer with {@link TRIAGE_NOTE} as its first paragraph, and `triage: true`. */
export function withTriageNote(answer: ComposedAnswer): ComposedAnswer {
  return { ...answer, answer: `${TRIAGE_NOTE}\n\n${answer.answer}`, triage: true };
}
