import { SERVICE_ANALYSIS_LIMITS } from '../analyze/analysis-budget.js';
import { analyzeSnippet } from '../analyze/analyze-snippet.js';
import type { FacetKind } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import type { LoadedIndex } from '../retrieval/load-retriever.js';
import { readGlossary, type GlossaryReading, type GlossedWord } from '../retrieval/glossary.js';
import { defaultScopeReader, type ScopeReading } from '../retrieval/scope.js';
import { citationsEvent, type AnswerEvent } from './answer-events.js';
import { newAnswerId } from './answer-id.js';
import { createAnswerMemo } from './answer-memo.js';
import type { AnswerSettings } from './answer-options.js';
import { candidateWindow, composeDecision, decide, noTopicAnswer } from './answer-policy.js';
import { wordCount } from './report-triage.js';
import { assumesPython, beforeSources, withAssumedPython } from './assumed-python.js';
import { quotedKeys } from './extractive-answer.js';
import { askedFacets } from './facets.js';
import { steerByFindings } from './findings-in-answer.js';
import { userTurnsRead, type ChatTurn } from './follow-up/chat-turn.js';
import { searchQuestion } from './follow-up/search-question.js';
import type { LlmAnswerer } from './llm/llm-answerer.js';
import type { LlmSetup } from './llm/providers.js';
import type { NumberedSource, Retrieved } from './llm/retrieved.js';
import type { Answer, AnswerMode, ComposedAnswer, Question } from './types.js';

/**
 * The one answering path every channel uses (REST, Slack, Discord, widget): retrieve, decide
 * whether the guidance answers (see `decide`: another runtime, no memory angle, a memory topic
 * with no tip, or an answer), then compose an extractive, cited answer that quotes the facet the
 * question asks for. In a conversation, the earlier answers are recomputed from the earlier user
 * turns (answers are deterministic, so assistant turns are not needed) and nothing they quoted is
 * quoted again: "why?" after an answer gives the unit's `why`, not the same text.
 */
export async function answerQuestion(index: LoadedIndex, settings: AnswerSettings, q: Question): Promise<Answer> {
  const { asked, glossed } = readConversation(q);
  const before = await conversationSoFar(index, settings, asked.history ?? []);
  const answer = await answerInConversation(index, settings, asked, before, glossed.language !== undefined);
  return { answerId: newAnswerId(q.question), ...withGlossaryNote(answer, glossed) };
}

/**
 * A question and its history as every reader of the answering path reads them (`asked`): the user
 * turns `userTurnsRead` keeps, and each text read through the glossary (`readGlossary`: a question
 * in Chinese, Spanish or Russian by the English of its words), each turn once; and how the
 * glossary read the question's own text (`glossed`), in the language of the conversation so far
 * when it is too short to tell its own ("¿por qué?" after a question in Spanish).
 *
 * @example readConversation({ question: '可能存在内存泄漏' }).asked.question // 'memory leak\n可能存在内存泄漏'
 */
export function readConversation(q: Question): { asked: Question; glossed: GlossaryReading } {
  if (!q.history) {
    const glossed = readGlossary(q.question);
    return { asked: { ...q, question: glossed.text }, glossed };
  }
  const { turns, language } = turnsRead(q.history);
  const glossed = readGlossary(q.question, language);
  return { asked: { ...q, question: glossed.text, history: turns }, glossed };
}

/** The user turns `userTurnsRead` keeps, each read through the glossary in the language of the ones before it. */
function turnsRead(history: readonly ChatTurn[]): { turns: ChatTurn[]; language?: string } {
  let language: string | undefined;
  const turns = userTurnsRead(history).map((t) => {
    const reading = readGlossary(t.content, language);
    language = reading.code ?? language;
    return { ...t, content: reading.text };
  });
  return language ? { turns, language } : { turns };
}

/** The most words {@link glossaryNote} lists. */
const NOTE_MAX_WORDS = 8;

/**
 * What an answer to a question in another language says it read: the knowledge is in English, and
 * a reader who sees which words were understood ("内存泄漏 → memory leak", "fuga de memoria → memory
 * leak") can tell an answer to their question from one to a word the glossary happened to know.
 *
 * @example glossaryNote([{ written: '内存泄漏', english: 'memory leak' }], 'Chinese') // '*Read from the question\'s Chinese words: 内存泄漏 (memory leak). The knowledge is written in English.*'
 */
export function glossaryNote(words: readonly GlossedWord[], language: string): string {
  const listed = words.slice(0, NOTE_MAX_WORDS).map((w) => `${w.written} (${w.english})`);
  const more = words.length > NOTE_MAX_WORDS ? ', …' : '';
  return `*Read from the question's ${language} words: ${listed.join(', ')}${more}. The knowledge is written in English.*`;
}

function withGlossaryNote(answer: ComposedAnswer, glossed: GlossaryReading): ComposedAnswer {
  if (!glossed.language || answer.abstainReason === 'empty_question') return answer;
  return { ...answer, answer: beforeSources(answer.answer, glossaryNote(glossed.words, glossed.language)) };
}

/** What the earlier answers of a conversation quoted, and the facet the last question asked for. */
export interface ConversationSoFar {
  /** `partKey`s and `exampleKey`s of everything the earlier answers quoted or showed. */
  readonly said: ReadonlySet<string>;
  /** The facet the last earlier question asked for (a follow-up without facet words continues it). */
  readonly asked?: FacetKind | undefined;
  /** The unit the last earlier answer cited first: what a follow-up pointing back ("it", "then") is about. */
  readonly subject?: string | undefined;
}

const NOTHING_SAID: ConversationSoFar = { said: new Set() };

/**
 * Replays the conversation's user turns, oldest first, each answered as it was (with the turns
 * before it as history), collecting what the answers quoted. Deterministic: the same history
 * always gives the same result, whatever the assistant turns say.
 */
export async function conversationSoFar(
  index: LoadedIndex,
  settings: AnswerSettings,
  history: readonly ChatTurn[],
): Promise<ConversationSoFar> {
  const users = history.filter((t) => t.role === 'user');
  if (users.length === 0) return NOTHING_SAID;
  const tips = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  let state = NOTHING_SAID;
  for (let i = 0; i < users.length; i++) {
    const turn = users[i] as ChatTurn;
    const answer = await answerInConversation(
      index,
      settings,
      { question: turn.content, history: users.slice(0, i) },
      state,
    );
    state = {
      said: new Set([...state.said, ...quotedKeys(answer, tips)]),
      asked: answer.facet,
      subject: answer.coverage === 'answer' ? answer.citations[0]?.id : undefined,
    };
  }
  return state;
}

async function answerInConversation(
  index: LoadedIndex,
  settings: AnswerSettings,
  q: Question,
  before: ConversationSoFar,
  // The question was read through the glossary: its answer is at most `medium` (`answerConfidence`).
  glossed = false,
): Promise<ComposedAnswer> {
  const k = q.k ?? settings.defaultK;
  // A follow-up is resolved against the history first; only the tips retrieved for it are cited.
  const { empty, query, scored, followUp, offTopic, triage, triageDecides, namesBestApi } = await searchQuestion(
    index,
    {
      ...q,
      k: candidateWindow(k),
      minScore: settings.minScore,
      subject: before.subject,
    },
  );
  const followed = followUp ? { followUp } : {};
  if (empty) return { ...noTopicAnswer(index.knowledge.tips, q.question), coverage: 'none', ...followed };
  // The facet asked for: by the question's own words, else (a follow-up that names a new subject or points back) the one it continues.
  const [ownFacet, ...alsoAsked] = askedFacets(q.question);
  const asked = ownFacet ?? (followUp && followUp.rule !== 'elliptical' ? before.asked : undefined);
  const scope = readScope(index.retriever, query, q.history, q.snippetLanguage);
  const decision = decide(
    { scope, ranked: scored, k, words: wordCount(query), triage, triageDecides, namesBestApi },
    settings,
  );
  const compose = () =>
    composeDecision(decision, settings, {
      allTips: index.knowledge.tips,
      question: query,
      asked,
      alsoAsked,
      said: before.said,
      closest: scored,
      ...(offTopic ? { offTopic } : {}),
      ...(glossed ? { glossed } : {}),
    });
  // Code fenced as another language (```go) is searched and read for scope, never analyzed as Python.
  if (!q.snippet?.trim() || !snippetIsPython(q)) {
    const cited = decision.kind === 'answer' ? decision.cited.map((s) => s.tip) : undefined;
    return { ...(assumesPython(q, scope, cited) ? withAssumedPython(compose()) : compose()), ...followed };
  }
  // Pasted code: its findings lead the answer and their tips are cited first (unless it is another runtime's code).
  const analysis = q.analysis ?? analyzeSnippet(q.snippet, { limits: SERVICE_ANALYSIS_LIMITS });
  if (analysis.findings.length === 0 || (decision.kind === 'abstain' && decision.reason === 'other_runtime')) {
    return {
      ...(await steerByFindings(index, query, compose(), analysis, k)),
      findings: analysis.findings,
      ...followed,
    };
  }
  const base: ComposedAnswer =
    decision.kind === 'answer' ? compose() : { answer: '', abstained: false, citations: [], examples: [] };
  const steered = await steerByFindings(index, query, base, analysis, k);
  return { ...steered, findings: analysis.findings, confidence: 'high', coverage: 'answer', ...followed };
}

/**
 * The scope evidence of a searched text (the question as resolved, and the pasted code); the
 * earlier questions of the conversation count for its memory angle.
 */
export function readScope(
  retriever: HybridRetriever,
  text: string,
  history: readonly ChatTurn[] = [],
  snippetLanguage?: string,
): ScopeReading {
  const context = history
    .filter((t) => t.role === 'user')
    .map((t) => t.content)
    .join('\n');
  return defaultScopeReader().read(text, retriever.analyze(text), context, snippetLanguage);
}

/**
 * Whether a question's snippet may be Python: untagged, or fenced as Python or as something that
 * names no runtime (```text). ```go code is not, and the analyzer, which reads Python, skips it.
 *
 * @example snippetIsPython({ question: 'leak?', snippet: 'x := 1', snippetLanguage: 'go' }) // false
 */
export function snippetIsPython(q: Pick<Question, 'snippetLanguage'>): boolean {
  const named = q.snippetLanguage === undefined ? undefined : defaultScopeReader().languageOf(q.snippetLanguage);
  return named === undefined || named === 'python';
}

export interface AnswererOptions {
  readonly index: LoadedIndex;
  readonly settings: AnswerSettings;
  /** The configured model; absent, every answer is extractive. */
  readonly llm?: LlmSetup | undefined;
  readonly logger: Logger;
  /** How many distinct questions keep their extractive answer (`createAnswerMemo`); 0 turns it off. Default 1,000. */
  readonly memoSize?: number | undefined;
}

export interface AskOptions {
  /** Stops an LLM generation when the caller goes away. */
  readonly signal?: AbortSignal | undefined;
}

/** Chooses how questions are answered: the configured model, grounded, or extractive. */
export interface Answerer {
  /** `llm` when a provider is configured (answers may still fall back), else `extractive`. */
  readonly mode: AnswerMode;
  ask(question: Question, options?: AskOptions): Promise<Answer>;
  /** The same answer as {@link ask}, as events (see {@link AnswerEvent}). */
  stream(question: Question, options?: AskOptions): AsyncGenerator<AnswerEvent>;
}

/**
 * The answering strategy behind `Assistant.ask`. Without an LLM it is the extractive answer with
 * `mode: "extractive"`. With one, the model writes from the same retrieved tips and the result is
 * checked; anything ungrounded or failed becomes the extractive answer with a `fallbackReason`.
 *
 * @example
 * const answerer = createAnswerer({ index, settings, llm, logger });
 * const answer = await answerer.ask({ question: 'how do I find a leak?' }); // answer.mode: 'llm' | 'extractive'
 */
export function createAnswerer(options: AnswererOptions): Answerer {
  const { index, settings, llm } = options;
  const memo = createAnswerMemo({ size: options.memoSize, embedderFailures: () => index.retriever.embedderFailures });
  const extractive = (q: Question): Promise<Answer> =>
    memo.answer(q, async () => ({ ...(await answerQuestion(index, settings, q)), mode: 'extractive' }));
  if (!llm) {
    return {
      mode: 'extractive',
      ask: extractive,
      async *stream(q) {
        const answer = await extractive(q);
        yield citationsEvent(answer);
        yield { type: 'delta', text: answer.answer };
        yield { type: 'done', answer };
      },
    };
  }

  const tipsById = new Map(index.knowledge.tips.map((t) => [t.id, t]));
  const retrieve = async (question: Question): Promise<Retrieved> => {
    const answer = await answerQuestion(index, settings, question);
    const sources = answer.abstained
      ? []
      : answer.citations.flatMap((c): NumberedSource[] => {
          const tip = tipsById.get(c.id);
          return tip ? [{ n: c.n, tip }] : [];
        });
    return { question, extractive: answer, sources };
  };
  // LangChain's modules load with the first LLM answer: a server without a model never pays their ~25 MB.
  let loaded: Promise<LlmAnswerer> | undefined;
  const llmAnswerer = () =>
    (loaded ??= import('./llm/llm-answerer.js').then(({ createLlmAnswerer }) =>
      createLlmAnswerer({ llm, retrieve, logger: options.logger }),
    ));
  return {
    mode: 'llm',
    async *stream(q, o) {
      yield* (await llmAnswerer()).stream(q, o);
    },
    async ask(q, o) {
      for await (const event of (await llmAnswerer()).stream(q, o)) if (event.type === 'done') return event.answer;
      // Only reached when the caller aborted: there is no one to answer, but the type wants one.
      return extractive(q);
    },
  };
}
