import type { AnswerSettings } from '../../../src/answer/answer-options.js';
import { answerConfidence, candidatesOf, decide, type Decision } from '../../../src/answer/answer-policy.js';
import { readConversation, readScope } from '../../../src/answer/answer-question.js';
import type { Confidence, Coverage } from '../../../src/answer/confidence.js';
import type { ChatTurn } from '../../../src/answer/follow-up/chat-turn.js';
import { searchQuestion } from '../../../src/answer/follow-up/search-question.js';
import { wordCount } from '../../../src/answer/report-triage.js';
import type { Tip } from '../../../src/knowledge/types.js';
import type { ScoredTip } from '../../../src/retrieval/hybrid-retriever.js';
import type { LoadedIndex } from '../../../src/retrieval/load-retriever.js';
import type { ScopeReading } from '../../../src/retrieval/scope.js';
import type { RealCategory } from './real-questions.js';

/**
 * An eval question as the answer policy sees it, computed once (retrieval is the slow part) so
 * thresholds can be swept over it: its scope evidence and every tip, best first.
 */
export interface AnswerSignals {
  readonly question: string;
  readonly history?: readonly ChatTurn[] | undefined;
  /** What it is, for scoring: `in-scope` (with `expected`), `related`, `other-runtime`, `not-memory`, or `out` (any other out-of-scope question). */
  readonly category: RealCategory | 'out';
  /** Every tip that answers it (in-scope), or the tips acceptable as related (related). */
  readonly expected: readonly string[];
  /** Which set it comes from (`real` for test/eval/real-questions.json). */
  readonly set?: string | undefined;
  /** A follow-up with no topic at all: the service abstains (`empty_question`) before any decision. */
  readonly empty: boolean;
  readonly offTopic: boolean;
  readonly scope: ScopeReading;
  readonly ranked: readonly ScoredTip[];
  /** How many words the searched text has (`wordCount`): a long one is a report. */
  readonly words: number;
  /** The searched text names an API specific to its best unit (`QuestionSearch.namesBestApi`). */
  readonly namesBestApi: boolean;
  /** The searched text has a `decisive` word of its triage unit (`QuestionSearch.triageDecides`). */
  readonly triageDecides: boolean;
  /** The unit that says how to find the cause of what it reports (`HybridRetriever.triageFor`). */
  readonly triage?: Tip | undefined;
  /** The question was read through the glossary (`readGlossary`): at most `medium` (`answerConfidence`). */
  readonly glossed: boolean;
}

/** How the service answers an eval question, in the terms the eval scores. */
export interface AnswerOutcome {
  readonly coverage: Coverage;
  readonly abstainReason?: string;
  readonly confidence: Confidence;
  /** Ids of the cited tips, in order. */
  readonly cited: readonly string[];
  /** Ids of the tips listed as related. */
  readonly related: readonly string[];
  /** The best cited score (0 when nothing is cited). */
  readonly score: number;
  /** The confidence could not be `high` whatever the scores: a weak memory angle, an off-topic follow-up. */
  readonly capped: boolean;
  /** The best unit's lead over the sixth (`leadOf`; 0 when nothing is cited). */
  readonly lead: number;
  /** A report no unit clearly matches (`triageUnit`): its citations and its `low` are the triage rule's, not the thresholds'. */
  readonly triage: boolean;
}

export interface SignalQuestion {
  readonly question: string;
  readonly history?: readonly ChatTurn[] | undefined;
  readonly category: AnswerSignals['category'];
  readonly expected?: readonly string[] | undefined;
  readonly set?: string | undefined;
}

/** Retrieves and reads every question once, exactly as `answerQuestion` does. */
export async function collectSignals(
  index: LoadedIndex,
  settings: AnswerSettings,
  questions: readonly SignalQuestion[],
): Promise<AnswerSignals[]> {
  const all = index.knowledge.tips.length;
  const signals: AnswerSignals[] = [];
  for (const q of questions) {
    // The question and turns `answerQuestion` reads.
    const { asked, glossed } = readConversation(q);
    const { question, history } = asked;
    const search = await searchQuestion(index, {
      question,
      history,
      k: all,
      minScore: settings.minScore,
    });
    signals.push({
      question: q.question,
      history: q.history,
      category: q.category,
      expected: q.expected ?? [],
      set: q.set,
      empty: search.empty,
      offTopic: search.offTopic ?? false,
      scope: readScope(index.retriever, search.query, history),
      ranked: search.scored,
      words: wordCount(search.query),
      namesBestApi: search.namesBestApi === true,
      triageDecides: search.triageDecides === true,
      triage: search.triage,
      glossed: glossed.language !== undefined,
    });
  }
  return signals;
}

const NOTHING_CITED = {
  coverage: 'none',
  confidence: 'low',
  cited: [],
  related: [],
  score: 0,
  capped: true,
  lead: 0,
  triage: false,
} as const satisfies AnswerOutcome;

/** The service's answer to a question, under `settings` (the same decision `answerQuestion` makes). */
export function outcomeOf(signals: AnswerSignals, settings: AnswerSettings): AnswerOutcome {
  if (signals.empty) return { ...NOTHING_CITED, abstainReason: 'empty_question' };
  const ranked = candidatesOf(signals.ranked, settings.defaultK);
  const decision: Decision = decide(
    {
      scope: signals.scope,
      ranked,
      k: settings.defaultK,
      words: signals.words,
      triage: signals.triage,
      namesBestApi: signals.namesBestApi,
      triageDecides: signals.triageDecides,
    },
    settings,
  );
  switch (decision.kind) {
    case 'abstain':
      return { ...NOTHING_CITED, abstainReason: decision.reason };
    case 'related':
      return {
        ...NOTHING_CITED,
        coverage: 'related',
        abstainReason: 'low_similarity',
        related: decision.related.map((s) => s.tip.id),
      };
    case 'answer': {
      // The best cited score: a triage unit is cited first at 0, before the closest ranked unit.
      const score = Math.max(0, ...decision.cited.map((c) => c.score));
      return {
        coverage: 'answer',
        confidence: answerConfidence(decision, settings, signals),
        cited: decision.cited.map((s) => s.tip.id),
        related: [],
        score,
        capped: signals.offTopic || signals.glossed || decision.weakMemoryAngle === true,
        lead: decision.lead,
        triage: decision.triage === true,
      };
    }
  }
}
